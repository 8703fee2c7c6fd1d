
from newsdesk.answer.prompt import answer_form_hint, build_messages
from newsdesk.search.passage import Passage
from newsdesk.question.kinds import is_yes_no


def test_answer_form_hints():
    assert answer_form_hint("Did the Ledger report a win?") == " Start your answer with Yes or No."
    assert answer_form_hint("Did the Ledger report a win or loss?") == (
        ' Start your answer with "win" or "loss".')
    assert answer_form_hint("Which company sued the regulator?") == " Start your answer with the name."
    assert answer_form_hint("Who is the individual charged with fraud?") == (
        " Start your answer with the name.")
    assert answer_form_hint("What did Seoul provide to Ukraine?") == ""


def test_is_yes_no():
    assert is_yes_no("Does the Monitor article agree with the Ledger?")
    assert not is_yes_no("Did the Ledger report a win or loss?")
    assert not is_yes_no("What did Seoul provide?")
    assert is_yes_no("Between the Ledger report of May 2 and the Monitor report of June 1, was "
                     "there a change in how the aid was described?")
    assert not is_yes_no("Considering the Ledger and the Monitor, which firm, known for chips, "
                         "was praised by both?")
    assert not is_yes_no("Which company, according to the Ledger, has sued the regulator?")


def test_passages_are_cut_to_the_budget():
    text = "Seoul sent kits. " * 200
    passage = Passage(chunk_id=0, article_row=0, text=text, start=0, end=len(text), score=0.0,
                      title="Aid", outlet="Ledger", published="2024-06-21", url="", path="")
    count = lambda text: len(text.split())  # noqa: E731
    messages, used = build_messages("What did Seoul send?", [passage] * 5, count, 400)
    assert messages[0]["role"] == "system" and messages[-1]["role"] == "user"
    assert 1 <= used < 5
    assert sum(count(m["content"]) for m in messages) <= 400
    assert messages[-1]["content"].endswith("Question: What did Seoul send?")
