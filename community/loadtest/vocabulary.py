"""Names and texts for synthetic communities: varied enough to look lived-in, cheap to make.

Texts come from a fixed pool rendered once through :func:`community.text.render_markdown`,
so that generating a million posts never renders Markdown a million times.
"""

import random
import re
from dataclasses import dataclass

from community.text import render_markdown

BASE_CONDITIONS = (
    "Asthma", "Type 1 Diabetes", "Type 2 Diabetes", "Multiple Sclerosis", "Crohn's Disease",
    "Ulcerative Colitis", "Endometriosis", "Psoriasis", "Eczema", "Lupus", "Rheumatoid Arthritis",
    "Osteoarthritis", "Migraine", "Epilepsy", "Parkinson's Disease", "Fibromyalgia",
    "Chronic Fatigue Syndrome", "Coeliac Disease", "Hypothyroidism", "Hyperthyroidism",
    "Polycystic Ovary Syndrome", "Sickle Cell Disease", "Cystic Fibrosis", "Hemophilia",
    "Primary Immunodeficiency", "Atrial Fibrillation", "Heart Failure", "Hypertension",
    "Chronic Kidney Disease", "COPD", "Sleep Apnea", "Narcolepsy", "Glaucoma",
    "Macular Degeneration", "Tinnitus", "Meniere's Disease", "Gout", "Ankylosing Spondylitis",
    "Sjogren's Syndrome", "Scleroderma", "Myasthenia Gravis", "Huntington's Disease",
    "Motor Neurone Disease", "Bipolar Disorder", "Depression", "Generalised Anxiety",
    "Obsessive-Compulsive Disorder", "ADHD", "Autism", "Long COVID", "Irritable Bowel Syndrome",
    "Diverticulitis", "Pancreatitis", "Hepatitis C", "HIV", "Breast Cancer", "Prostate Cancer",
    "Lymphoma", "Leukaemia", "Melanoma",
)  # fmt: skip
QUALIFIERS = (
    "Juvenile", "Adult-Onset", "Chronic", "Familial", "Severe", "Early-Onset", "Late-Onset",
    "Recurrent", "Refractory", "Mild",
)  # fmt: skip

QUESTION_TEMPLATES = (
    "What were your first symptoms of {name}?",
    "How was your {name} diagnosed?",
    "What treatments have helped with {name}?",
    "How do you manage {name} at work?",
    "What do you wish you had known when diagnosed with {name}?",
    "How has {name} affected your relationships?",
    "What changes to diet or exercise helped with {name}?",
    "How do you cope with flares of {name}?",
    "What questions should I ask my doctor about {name}?",
    "How do you explain {name} to family and friends?",
    "What side effects of {name} treatment did you have?",
    "How do you plan travel around {name}?",
)

RELATION_WEIGHTS = {"patient": 55, "caregiver": 25, "professional": 12, "researcher": 8}

_ADJECTIVES = (
    "quiet", "amber", "brave", "calm", "cedar", "clever", "coral", "dusky", "early", "fern",
    "gentle", "golden", "hazel", "ivory", "jade", "kind", "lunar", "maple", "misty", "noble",
    "olive", "pale", "plum", "river", "rosy", "sage", "silver", "steady", "sunny", "willow",
)  # fmt: skip
_NOUNS = (
    "heron", "otter", "finch", "badger", "lark", "fox", "wren", "hare", "kestrel", "robin",
    "moth", "pebble", "meadow", "harbour", "lantern", "thistle", "comet", "orchard", "brook",
    "birch", "sparrow", "falcon", "ember", "tide", "cloud", "garden", "kettle", "quilt", "owl",
)  # fmt: skip

_OPENINGS = (
    "When I was first diagnosed I felt completely lost.",
    "It took almost two years before anyone took my symptoms seriously.",
    "My daughter was diagnosed when she was nine, so I write as a parent.",
    "I have lived with this for over a decade now.",
    "I work as a nurse and also have this condition myself.",
    "Looking back, the signs were there long before my diagnosis.",
    "Nobody in my family had heard of it before I was diagnosed.",
    "My experience has been quite different from what I read online.",
)
_MIDDLES = (
    "The tiredness was the hardest part, more than the pain.",
    "Keeping a symptom diary helped my doctor see the pattern.",
    "My specialist changed my treatment twice before we found something that worked.",
    "Some weeks are fine, and then a flare knocks me out for days.",
    "I had to learn to say no to things without feeling guilty.",
    "My employer agreed to flexible hours, which made a real difference.",
    "Blood tests every few months became part of my routine.",
    "The side effects settled after the first month or so.",
    "A support group near me was where I finally felt understood.",
    "Sleep matters more than I ever expected it would.",
    "I try to walk every day, even if only for ten minutes.",
    "It helps to write my questions down before each appointment.",
    "Getting a second opinion was the best decision I made.",
    "My partner comes to appointments with me now, which helps a lot.",
)
_CLOSINGS = (
    "Please talk to your own care team before changing anything.",
    "I hope this helps someone who is where I was.",
    "It does get easier, even if it does not feel like it at first.",
    "Everyone is different, so take what is useful and leave the rest.",
    "Thank you all for sharing, it makes me feel less alone.",
)
_REPLIES = (
    "Thank you for sharing this, it really helps.",
    "The same happened to me. *You are not alone.*",
    "Did your doctor suggest anything for the tiredness?",
    "I found that too. The diary made all the difference.",
    "That is really useful to know, thank you.",
    "How long did it take before things settled?",
    "I am sorry you had to wait so long to be heard.",
    "My experience was similar, although it took longer to get a diagnosis.",
    "Good point about asking questions. I always forget mine in the room.",
    "This is worth raising with your specialist, as everyone responds differently.",
)
_LIST_INTRO = "A few things that helped me:"
_LIST_ITEMS = (
    "resting before I needed to",
    "a notebook of questions for appointments",
    "telling my manager early",
    "smaller, more regular meals",
    "a pill organiser",
    "gentle stretching in the morning",
)
_PARAGRAPH_SENTENCES = (1, 4)


@dataclass(frozen=True)
class Text:
    """A member text and the sanitized HTML stored beside it."""

    markdown: str
    html: str


def _text(markdown: str, *, editorial: bool = False) -> Text:
    return Text(markdown, render_markdown(markdown, editorial=editorial))


def _paragraph(rng: random.Random) -> str:
    count = rng.randint(*_PARAGRAPH_SENTENCES)
    return " ".join(rng.choice(_MIDDLES) for _ in range(count))


def _experience_markdown(rng: random.Random) -> str:
    parts = [rng.choice(_OPENINGS) + " " + _paragraph(rng)]
    for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
        parts.append(_paragraph(rng))
    if rng.random() < 0.25:
        items = rng.sample(_LIST_ITEMS, rng.randint(2, 4))
        parts.append(_LIST_INTRO + "\n\n" + "\n".join(f"- {item}" for item in items))
    parts.append(rng.choice(_CLOSINGS))
    return "\n\n".join(parts)


def _reply_markdown(rng: random.Random) -> str:
    text = rng.choice(_REPLIES)
    if rng.random() < 0.5:
        text += " " + _paragraph(rng)
    return text


@dataclass(frozen=True)
class TextPool:
    """Pre-rendered experiences, replies, condition descriptions and summaries."""

    experiences: tuple[Text, ...]
    replies: tuple[Text, ...]
    abouts: tuple[Text, ...]
    summaries: tuple[Text, ...]


def text_pool(rng: random.Random, size: int = 240) -> TextPool:
    """Render ``size`` experiences and replies once; every generated post reuses them."""
    experiences = tuple(_text(_experience_markdown(rng)) for _ in range(size))
    replies = tuple(_text(_reply_markdown(rng)) for _ in range(size))
    abouts = tuple(
        _text(" ".join(rng.sample(_MIDDLES, 3)), editorial=True) for _ in range(size // 8)
    )
    summaries = tuple(
        _text("\n\n".join(_paragraph(rng) for _ in range(3)), editorial=True)
        for _ in range(size // 8)
    )
    return TextPool(experiences, replies, abouts, summaries)


def condition_names(count: int) -> list[str]:
    """Return ``count`` distinct condition names: the common ones first, then qualified."""
    names = list(BASE_CONDITIONS)
    for qualifier in QUALIFIERS:
        names.extend(f"{qualifier} {name}" for name in BASE_CONDITIONS)
    index = 1
    while len(names) < count:
        names.extend(f"{name} Type {index}" for name in BASE_CONDITIONS)
        index += 1
    return names[:count]


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("'", "")).strip("-")


def question_title(template_index: int, name: str) -> str:
    """The question at ``template_index`` of a condition; beyond the templates, numbered."""
    template = QUESTION_TEMPLATES[template_index % len(QUESTION_TEMPLATES)]
    round_ = template_index // len(QUESTION_TEMPLATES)
    title = template.format(name=name)
    return title if round_ == 0 else f"{title} (part {round_ + 1})"


def username(index: int) -> str:
    """A pseudonym such as ``misty_heron_412``: unique per index, at most 30 characters."""
    adjective = _ADJECTIVES[index % len(_ADJECTIVES)]
    noun = _NOUNS[(index // len(_ADJECTIVES)) % len(_NOUNS)]
    return f"{adjective}_{noun}_{index}"
