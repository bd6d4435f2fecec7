"""Text analysis for Kazakh, Russian and English, shared by every search backend.

Documents are analysed here, in Python, before they reach an engine: the engine only
sees space-separated terms. So Whoosh, PostgreSQL and the SQLite FTS5 benchmark match
exactly the same way, and highlighting can be done without asking the engine.

- Tokens are Unicode words (``\\w``), so ә ғ қ ң ө ұ ү һ і stay inside words; they are
  case-folded and ё is folded to е.
- Latin-script words get the English Snowball stemmer; Cyrillic words get the Russian
  Snowball stemmer (Russian text) or a light Kazakh suffix stripper (Kazakh text). Text
  whose language is unknown (typed by users) gets both Cyrillic analyses.
- A query word is expanded to every analysis it could have had (:func:`query_terms`),
  so the searcher does not need to know the language of the query.
- :func:`skeleton` is a lossy Latin spelling of any word ("Адалдық" and "Adaldyq" both
  become "adaldik"), indexed separately so Cyrillic and Latin spellings of names meet.
"""

import re
import unicodedata
from functools import lru_cache

import Stemmer

WORD_RE = re.compile(r"\w+", re.UNICODE)
CYRILLIC_RE = re.compile(r"[\u0400-\u04ff]")
KAZAKH_LETTERS = set("әғқңөұүһі")
VOWELS = set("аәеёиоөуұүыіэюяaeiouy")

# Queries longer than this are cut: nobody types more, and it bounds the work per request.
MAX_QUERY_CHARS = 300
MAX_QUERY_WORDS = 12

# English, Russian and Kazakh function words that would make AND queries miss.
_STOPWORD_TEXT = (
    "a an and are as at be by for from in is it of on or the to with "
    "и в во на с со по к ко о об от до за из у для не что это как а но или "
    "және мен бен пен да де та те үшін бойынша туралы бұл ол сол"
)
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

_stemmers = {}


def _stemmer(name):
    # PyStemmer objects are not thread-safe; one per thread would be stricter, but their
    # stemWord is a single C call under the GIL, so sharing them is safe in practice.
    if name not in _stemmers:
        _stemmers[name] = Stemmer.Stemmer(name)
    return _stemmers[name]


# ---------------------------------------------------------------- Kazakh

# Kazakh is agglutinative: stem + plural + possessive + case. Stripping known endings
# from the right, longest first, brings the forms of one word to one stem.
KAZAKH_SUFFIXES = sorted(
    [
        # adjectival locative
        "ндағы", "ндегі", "дағы", "дегі", "тағы", "тегі",
        # genitive
        "ның", "нің", "дың", "дің", "тың", "тің",
        # ablative
        "нан", "нен", "дан", "ден", "тан", "тен",
        # instrumental
        "мен", "бен", "пен",
        # plural
        "лар", "лер", "дар", "дер", "тар", "тер",
        # possessive
        "ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі", "ым", "ім", "ың", "ің",
        # locative
        "нда", "нде", "да", "де", "та", "те",
        # dative
        "ға", "ге", "қа", "ке", "на", "не",
        # accusative
        "ны", "ні", "ды", "ді", "ты", "ті", "ын", "ін",
        # single vowels: possessive 3rd person and dative after a possessive
        "ы", "і", "а", "е",
    ],
    key=len,
    reverse=True,
)  # fmt: skip
# Voiced consonants at the end of a stem come from a voiceless one before a vowel ending
# (әкімдік → әкімдігі); folding them back makes both forms one stem.
KAZAKH_FINAL_FOLD = {"ғ": "қ", "г": "к", "б": "п"}
KAZAKH_MIN_STEM = 3


def _has_vowel(text):
    return any(char in VOWELS for char in text)


def kazakh_stem(word):
    """Strip Kazakh endings: "ұйымдар", "ұйымның", "ұйымы" and "ұйым" all give "ұйым"."""
    stem = word
    for _round in range(4):
        for suffix in KAZAKH_SUFFIXES:
            if stem.endswith(suffix):
                candidate = stem[: -len(suffix)]
                if len(candidate) >= KAZAKH_MIN_STEM and _has_vowel(candidate):
                    stem = candidate
                    break
        else:
            break
    if stem[-1:] in KAZAKH_FINAL_FOLD:
        stem = stem[:-1] + KAZAKH_FINAL_FOLD[stem[-1]]
    return stem


# ---------------------------------------------------------------- stems


def fold(word):
    return word.casefold().replace("ё", "е")


def is_cyrillic(word):
    return CYRILLIC_RE.search(word) is not None


@lru_cache(maxsize=200_000)
def stems(word, language):
    """The index terms of one folded word in a text of ``language`` ("kk", "ru", "en" or "")."""
    if word.isdigit():
        return (word,)
    if not is_cyrillic(word):
        return (_stemmer("english").stemWord(word),)
    if language == "kk" or KAZAKH_LETTERS.intersection(word):
        return (kazakh_stem(word),)
    if language == "ru":
        return (_stemmer("russian").stemWord(word),)
    return tuple(dict.fromkeys([_stemmer("russian").stemWord(word), kazakh_stem(word)]))


def words(text):
    """Folded words of a text, in order, without stopwords."""
    return [w for w in (fold(m) for m in WORD_RE.findall(text or "")) if w not in STOPWORDS]


def index_terms(text, language=""):
    """The terms a text is indexed under, in order (a word can give two terms)."""
    terms = []
    for word in words(text):
        terms.extend(stems(word, language))
    return terms


def skeleton_terms(text):
    """The transliteration skeletons of a text's words, each once."""
    return list(dict.fromkeys(skeleton(word) for word in words(text)))


def name_skeletons(text):
    """Skeletons of the words of names only: capitalised words and the word after each.

    Transliteration is for names ("Адалдық алаңы", "Zhetysu"), and names are capitalised
    in all three languages; skipping other words keeps the index (and its writing time)
    small. The next word is kept for two-word names whose second word is lowercase.
    """
    found, previous_capital = [], False
    for raw in WORD_RE.findall(text or ""):
        capital = raw[:1].isupper()
        word = fold(raw)
        if (capital or previous_capital) and word not in STOPWORDS:
            found.append(skeleton(word))
        previous_capital = capital
    return list(dict.fromkeys(found))


# ---------------------------------------------------------------- transliteration

CYRILLIC_TO_LATIN = {
    "а": "a", "ә": "a", "б": "b", "в": "v", "г": "g", "ғ": "g", "д": "d", "е": "e", "ж": "j",
    "з": "z", "и": "i", "й": "i", "к": "k", "қ": "k", "л": "l", "м": "m", "н": "n", "ң": "n",
    "о": "o", "ө": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ұ": "u", "ү": "u",
    "ф": "f", "х": "h", "һ": "h", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "sh", "ъ": "", "ы": "i",
    "і": "i", "ь": "", "э": "e", "ю": "iu", "я": "ia",
}  # fmt: skip
LATIN_FOLDS = [("ş", "sh"), ("ç", "ch"), ("ı", "i"), ("zh", "j"), ("kh", "h"), ("q", "k"), ("y", "i"), ("w", "u")]


@lru_cache(maxsize=200_000)
def skeleton(word):
    """A lossy Latin spelling shared by the Cyrillic and Latin forms of a word.

    "Адалдық алаңы" and "Adaldyq alany" both give "adaldik alani"; "Жетісу" and
    "Zhetysu" both give "jetisu".
    """
    latin = "".join(CYRILLIC_TO_LATIN.get(char, char) for char in fold(word))
    for source, target in LATIN_FOLDS[:3]:
        latin = latin.replace(source, target)
    latin = "".join(c for c in unicodedata.normalize("NFKD", latin) if not unicodedata.combining(c))
    for source, target in LATIN_FOLDS[3:]:
        latin = latin.replace(source, target)
    return latin


# ---------------------------------------------------------------- queries


def clean_query(text):
    """Bound a user's query; every character is literal, nothing is query syntax."""
    return (text or "").strip()[:MAX_QUERY_CHARS]


def query_words(text):
    """The words of a query, each once, at most :data:`MAX_QUERY_WORDS`."""
    found = list(dict.fromkeys(fold(m) for m in WORD_RE.findall(clean_query(text))))
    meaningful = [w for w in found if w not in STOPWORDS] or found
    return meaningful[:MAX_QUERY_WORDS]


def query_terms(word):
    """Every index term a query word can match, whatever the language it was indexed in."""
    variants = []
    for language in ("kk", "ru", "en"):
        variants.extend(stems(word, language))
    return list(dict.fromkeys(variants))


def max_distance(word):
    """Typos allowed for "did you mean": two in a short word make another word ("ұйым", "ұсын")."""
    return 1 if len(word) <= 5 else 2


def edit_distance(a, b):
    """Levenshtein distance (insertions, deletions, substitutions)."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def closest(word, vocabulary):
    """The known word nearest to ``word`` within :func:`max_distance`, or None."""
    best, best_distance = None, max_distance(word) + 1
    for candidate in vocabulary:
        if abs(len(candidate) - len(word)) >= best_distance:
            continue
        distance = edit_distance(word, candidate)
        if distance < best_distance and candidate != word:
            best, best_distance = candidate, distance
    return best


def parse_query(text):
    """A query as a list of clauses, one per word: (index terms, skeleton). All must match."""
    return [(query_terms(word), skeleton(word)) for word in query_words(text)]
