from newsdesk.answer.names import complete_leading_name, fullest_form, leading_name

PASSAGES = ["Birchwood Research borrowed from CoinVault. Mara Lindqvist ran Birchwood Research.",
            "Ines Okafor-Reyes founded CoinVault. Prosecutors say Okafor-Reyes lied.",
            "Ines Okafor-Reyes testified on Friday. Apple sells the Apple Watch; Apple grew.",
            "CEO Theo Varga left. Former CEO Theo Varga returned. Varga spoke."]


def test_leading_name():
    assert leading_name("Birchwood [2]") == "Birchwood"
    assert leading_name("Ines Okafor-Reyes is on trial [1].") == "Ines Okafor-Reyes"
    assert leading_name("the company [1]") == ""


def test_a_shortened_name_takes_the_form_the_passages_use_most():
    assert fullest_form("Birchwood", PASSAGES) == "Birchwood Research"
    assert fullest_form("Okafor-Reyes", PASSAGES) == "Ines Okafor-Reyes"  # 2 of 3 mentions
    assert fullest_form("Apple", PASSAGES) == "Apple"  # "Apple Watch" is 1 of 3: not a fuller name
    assert fullest_form("Lindqvist", PASSAGES) == "Mara Lindqvist"
    assert fullest_form("Google", PASSAGES) == "Google"  # not in the passages: unchanged
    assert fullest_form("Theo Varga", PASSAGES) == "Theo Varga"  # titles are not the name
    assert fullest_form("Varga", PASSAGES) == "Theo Varga"


def test_complete_leading_name_only_touches_the_leading_name():
    assert complete_leading_name("Birchwood [2]. Birchwood lent money.", PASSAGES) == (
        "Birchwood Research [2]. Birchwood lent money.")
    assert complete_leading_name("It was Birchwood [2].", PASSAGES) == "It was Birchwood [2]."
