from newsdesk.names import complete_leading_name, fullest_form, leading_name

PASSAGES = ["Alameda Research borrowed from FTX. Caroline Ellison ran Alameda Research.",
            "Sam Bankman-Fried founded FTX. Prosecutors say Bankman-Fried lied.",
            "Sam Bankman-Fried testified on Friday. Apple sells the Apple Watch; Apple grew.",
            "CEO Sam Altman left. Former CEO Sam Altman returned. Altman spoke."]


def test_leading_name():
    assert leading_name("Alameda [2]") == "Alameda"
    assert leading_name("Sam Bankman-Fried is on trial [1].") == "Sam Bankman-Fried"
    assert leading_name("the company [1]") == ""


def test_a_shortened_name_takes_the_form_the_passages_use_most():
    assert fullest_form("Alameda", PASSAGES) == "Alameda Research"
    assert fullest_form("Bankman-Fried", PASSAGES) == "Sam Bankman-Fried"  # 2 of 3 mentions
    assert fullest_form("Apple", PASSAGES) == "Apple"  # "Apple Watch" is 1 of 3: not a fuller name
    assert fullest_form("Ellison", PASSAGES) == "Caroline Ellison"
    assert fullest_form("Google", PASSAGES) == "Google"  # not in the passages: unchanged
    assert fullest_form("Sam Altman", PASSAGES) == "Sam Altman"  # titles are not the name
    assert fullest_form("Altman", PASSAGES) == "Sam Altman"


def test_complete_leading_name_only_touches_the_leading_name():
    assert complete_leading_name("Alameda [2]. Alameda lent money.", PASSAGES) == (
        "Alameda Research [2]. Alameda lent money.")
    assert complete_leading_name("It was Alameda [2].", PASSAGES) == "It was Alameda [2]."
