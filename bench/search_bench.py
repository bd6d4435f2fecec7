"""Search benchmark: Whoosh against SQLite FTS5 over the same generated documents.

    .venv/bin/python -m bench.search_bench               # 100,000 documents, 300 queries
    .venv/bin/python -m bench.search_bench --docs 5000   # a quick run

Documents are generated in Kazakh, Russian and English from inflected word forms, analysed
ONCE with :mod:`search.analysis` (the hub's own analysis: stemming, Kazakh endings,
transliteration skeletons), and the same terms are written to both engines, so both find
the same matches; the benchmark checks that on a sample of queries. Queries are built the
way the site builds them: every word must match, by any of its stems or its skeleton.

Printed side by side: rebuild time (analysis + writing) and the median and p95 time of
one-word and two-word queries for the best 10 hits.
"""

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hub.settings.dev")
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("HUB_VAR_DIR", tempfile.mkdtemp(prefix="hub-bench-var-"))

# ---------------------------------------------------------------- generated documents


def _split(text):
    return text.split()


# Lemmas of the hub's topics with the inflected forms people write and search for.
KK = [
    "ұйым ұйымдар ұйымның ұйымдары ұйымға ұйымдардың",
    "жастар жастардың жастарға жастарды",
    "кездесу кездесуде кездесулер кездесудің",
    "әкімдік әкімдігі әкімдікке әкімдіктің",
    "қала қаласы қалада қаланың",
    "аудан ауданы ауданда аудандардың",
    "экология экологиялық экологияға",
    "ауа ауаның ауасы",
    "сыбайлас жемқорлық жемқорлыққа жемқорлықтың",
    "денсаулық денсаулығы денсаулыққа",
    "білім білімі білімге",
    "отбасы отбасылар отбасыларға көпбалалы",
    "тұрғын тұрғындар тұрғындардың тұрғындарға",
    "жол жолдар жолдың жолдарды",
    "су суы сумен",
    "қоқыс қоқысты шығару",
    "мектеп мектептер мектепте мектептің",
    "бала балалар балаларға балалардың",
    "жұмыс жұмысы жұмыспен жұмыстың",
    "бастама бастамасы бастамалар бастамаларды",
    "есеп есебі есептер есептің",
    "жоспар жоспары жоспарлар",
    "көмек көмегі көмекке",
    "қауіпсіздік қауіпсіздігі қауіпсіздікке",
    "көлік көлігі қоғамдық",
    "тапсырма тапсырмалар тапсырманың",
    "өтініш өтініштер өтінішке өтініштің",
    "жетім жетімдер жетімдердің құқығы",
]
RU = [
    "коррупция коррупции коррупцию коррупцией",
    "организация организации организаций организациям",
    "молодёжь молодёжи молодёжный молодёжных",
    "экология экологии экологический экологической",
    "воздух воздуха качество качества",
    "встреча встречи встречу встреч",
    "акимат акимата акиматом акимату",
    "район района районе районов",
    "город города городе городской",
    "здравоохранение здравоохранения поликлиника поликлиники",
    "образование образования школа школы школ",
    "семья семьи семей многодетных многодетные",
    "жильё жилья жилищный кооператив кооператива",
    "дорога дороги дорог дорожный",
    "водоснабжение водоснабжения канализация канализации",
    "мусор мусора вывоз",
    "транспорт транспорта общественный общественного",
    "безопасность безопасности общественной",
    "инициатива инициативы инициатив инициативу",
    "отчёт отчёта отчёты отчётов",
    "план плана дорожная карта карты",
    "поручение поручения поручений",
    "обращение обращения обращений обращению",
    "сирота сироты сирот права",
    "благоустройство благоустройства двор дворов",
    "занятость занятости работа работы",
    "газ газа теплоэлектроцентраль ТЭЦ",
    "бюджет бюджета прозрачность прозрачности",
]
EN = [
    "organisation organisations organisational",
    "youth young employment jobs",
    "ecology ecological environment environmental",
    "air quality pollution smog",
    "meeting meetings met",
    "corruption corrupt anticorruption",
    "district districts",
    "city cities municipal",
    "health clinic clinics hospital",
    "education school schools",
    "family families large",
    "housing cooperative cooperatives",
    "road roads repair repairs",
    "water supply sewerage",
    "waste removal recycling",
    "transport public buses",
    "safety security",
    "initiative initiatives",
    "report reports reporting",
    "road map plan plans",
    "assignment assignments deadline",
    "request requests complaint complaints",
    "orphan orphans rights",
    "budget transparency",
]
FILLER = {
    "kk": _split("және үшін бойынша туралы жаңа барлық жыл жылы бірге ашық бағдарлама нәтиже жұмыс істеу"),
    "ru": _split("и в на по для о с новый все год году вместе открытый программа результат работа"),
    "en": _split("and the of in for with new all year together open programme result work"),
}
NAMES = _split(
    "Алматы Almaty Медеу Medeu Алатау Alatau Әуезов Auezov Бостандық Bostandyk Жетісу Zhetysu Түрксіб Turksib"
)
NAMES += _split("Наурызбай Nauryzbay Алмалы Almaly Адалдық алаңы Adaldyq alany Белсенді мегаполис Belsendi megapolis")
LEXICON = {"kk": [g.split() for g in KK], "ru": [g.split() for g in RU], "en": [g.split() for g in EN]}
SYLLABLES = _split("ба бе ка ке ма ме та те на не ра ре са се да де ла ле жа қа ға ұл ар ер ан ен ат ет ал ел")


def zipf_choice(rng, items):
    # Earlier topics are more frequent, as real topics are (roughly 1/rank).
    weights = [1 / (rank + 1) for rank in range(len(items))]
    return rng.choices(items, weights)[0]


def rare_word(rng):
    """A made-up name (organisation, street, person): the long tail of a real vocabulary."""
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return word.capitalize() if rng.random() < 0.4 else word


def sentence(rng, language, length):
    words = []
    for _ in range(length):
        roll = rng.random()
        if roll < 0.45:
            words.append(rng.choice(zipf_choice(rng, LEXICON[language])))
        elif roll < 0.75:
            words.append(rng.choice(FILLER[language]))
        elif roll < 0.85:
            words.append(rng.choice(NAMES))
        else:
            words.append(rare_word(rng))
    return " ".join(words)


def generate(count, seed=7):
    from search.documents import Document

    rng = random.Random(seed)
    types = ["organisation", "initiative", "roadmap_action", "meeting", "report", "case_outcome"]
    districts = ["alatau", "almaly", "auezov", "bostandyk", "zhetysu", "medeu", "nauryzbay", "turksib", ""]
    fields = ["ecology", "youth", "health", "education", "social", "housing", "safety", "anticorruption"]
    for i in range(count):
        language = rng.choice(["kk", "ru", "en"])
        yield Document(
            type=rng.choice(types),
            key=str(i),
            title={language: sentence(rng, language, rng.randint(4, 9))},
            body={language: sentence(rng, language, rng.randint(30, 90))},
            url={language: f"/{language}/doc/{i}/"},
            fields=rng.sample(fields, rng.randint(0, 2)),
            district=rng.choice(districts),
        )


def analyse(documents):
    """The terms both engines receive: the hub's own analysis, done once."""
    from search.backends.whoosh import fields_for

    return [fields_for(document) for document in documents]


def make_queries(count, seed=11):
    rng = random.Random(seed)
    languages = ["kk", "ru", "en"]
    one = [rng.choice(zipf_choice(rng, LEXICON[rng.choice(languages)])) for _ in range(count // 2)]
    two = []
    while len(two) < count - len(one):
        language = rng.choice(languages)
        first, second = rng.sample(LEXICON[language], 2)
        two.append(f"{rng.choice(first)} {rng.choice(second)}")
    # A few names typed in the other script, as people do.
    for i, name in enumerate(["Adaldyq alany", "Әуезов", "Bostandyk", "Жетісу", "Medeu", "Belsendi megapolis"]):
        (one if " " not in name else two)[i * 7 % len(one if " " not in name else two)] = name
    return one, two


# ---------------------------------------------------------------- engines


class WhooshEngine:
    name = "Whoosh"

    def __init__(self, path, weighting):
        from whoosh import scoring

        from search.backends.whoosh import WhooshBackend

        self.backend = WhooshBackend(path, weighting=scoring.BM25F() if weighting == "bm25f" else scoring.Frequency())
        self.path = path

    def build(self, analysed, limitmb):
        self.backend.write_all(analysed, limitmb=limitmb)

    def open(self):
        self.searcher = self.backend.ix.searcher(weighting=self.backend.weighting)

    def with_frequency_scoring(self):
        """The same index searched with the cheaper Frequency scoring (SEARCH_WHOOSH_SCORING)."""
        from whoosh import scoring

        variant = WhooshEngine.__new__(WhooshEngine)
        variant.backend, variant.path = self.backend, self.path
        variant.searcher = self.backend.ix.searcher(weighting=scoring.Frequency())
        return variant

    def top(self, clauses):
        return self.backend.top(clauses, limit=10, searcher=self.searcher)

    def count(self, clauses):
        from search.backends.whoosh import build_query

        return len(self.searcher.search(build_query(clauses), limit=None, scored=False))

    def close(self):
        self.searcher.close()


class Fts5Engine:
    name = "FTS5 (stemmed)"

    def __init__(self, path):
        self.db = sqlite3.connect(path)

    def build(self, analysed):
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(doc_id UNINDEXED, text, skel, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
        with self.db:
            self.db.executemany(
                "INSERT INTO docs (doc_id, text, skel) VALUES (?, ?, ?)",
                ((f["id"], f["text"], f["skel"]) for f in analysed),
            )
        self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self.db.commit()

    @staticmethod
    def match(clauses):
        groups = []
        for terms, skeleton in clauses:
            options = [f'text:"{term}"' for term in terms] + [f'skel:"{skeleton}"']
            groups.append("(" + " OR ".join(options) + ")")
        return " AND ".join(groups)

    def open(self):
        pass

    def top(self, clauses):
        sql = "SELECT doc_id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
        return [row[0] for row in self.db.execute(sql, (self.match(clauses),))]

    def count(self, clauses):
        return self.db.execute("SELECT count(*) FROM docs WHERE docs MATCH ?", (self.match(clauses),)).fetchone()[0]

    def close(self):
        self.db.close()


# ---------------------------------------------------------------- measuring


CPU = {}


def timed(function, *args):
    """Wall-clock seconds (and, in CPU, this process's CPU seconds: the machine may be shared)."""
    started, cpu = time.perf_counter(), time.process_time()
    value = function(*args)
    CPU[function.__qualname__] = time.process_time() - cpu
    return time.perf_counter() - started, value


def time_queries(engine, queries, repeat=1):
    from search.analysis import parse_query

    parsed = [parse_query(q) for q in queries]
    for clauses in parsed[:20]:  # warm the caches, as a running server has them warm
        engine.top(clauses)
    wall, cpu = [], []
    for clauses in parsed:
        started, cpu_started = time.perf_counter(), time.process_time()
        engine.top(clauses)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
    return wall, cpu


def p95(values):
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--limitmb", type=int, help="Whoosh writer memory before a sorted run goes to disk")
    parser.add_argument("--weighting", choices=["bm25f", "frequency"], default="bm25f")
    parser.add_argument("--check", type=int, default=60, help="queries whose match counts are compared")
    parser.add_argument("--keep", help="keep the indexes in this folder")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from search.analysis import parse_query
    from search.backends.whoosh import WRITER_MB

    workdir = Path(args.keep or tempfile.mkdtemp(prefix="search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    print(f"Generating {args.docs:,} documents (kk/ru/en)...", flush=True)
    documents = list(generate(args.docs))
    analysis_time, analysed = timed(analyse, documents)
    analysis_cpu = CPU["analyse"]
    print(f"Analysis (shared by both engines): {analysis_time:.1f} s, CPU {analysis_cpu:.1f} s", flush=True)

    whoosh = WhooshEngine(workdir / "whoosh", args.weighting)
    whoosh_write, _ = timed(whoosh.build, analysed, args.limitmb or WRITER_MB)
    whoosh_cpu = CPU["WhooshEngine.build"]
    layout = f"{len(whoosh.backend.ix._segments())} segment(s)"
    memory = f"writer memory {args.limitmb or WRITER_MB} MB"
    print(f"Whoosh written in {whoosh_write:.1f} s, CPU {whoosh_cpu:.1f} s ({memory}, {layout})", flush=True)
    fts = Fts5Engine(str(workdir / "fts5.sqlite3"))
    fts_write, _ = timed(fts.build, analysed)
    print(f"FTS5 written in {fts_write:.1f} s", flush=True)

    one, two = make_queries(args.queries)
    whoosh.open()
    fts.open()
    sample = (one + two)[:: max(1, len(one + two) // args.check)]
    mismatches = [q for q in sample if whoosh.count(parse_query(q)) != fts.count(parse_query(q))]
    hits = statistics.median(fts.count(parse_query(q)) for q in sample)

    rows = []
    for label, queries in (("one word", one), ("two words (AND)", two)):
        w, wc = time_queries(whoosh, queries)
        f, fc = time_queries(fts, queries)
        rows.append((label, statistics.median(w), p95(w), statistics.median(f), p95(f)))
        rows.append((label + " CPU", statistics.median(wc), p95(wc), statistics.median(fc), p95(fc)))
    cheap = whoosh.with_frequency_scoring()
    w, wc = time_queries(cheap, one)
    f, fc = time_queries(fts, one)
    rows.append(("one word, Frequency", statistics.median(w), p95(w), statistics.median(f), p95(f)))
    rows.append(("one word, Frequency CPU", statistics.median(wc), p95(wc), statistics.median(fc), p95(fc)))
    cheap.close()
    whoosh.close()
    fts.close()

    width = 34
    print()
    print(f"{args.docs:,} documents; {len(one)} one-word and {len(two)} two-word queries; top 10 hits each;")
    print(f"median matches per query {hits:,.0f}; match counts compared on {len(sample)} queries: ", end="")
    print("identical" if not mismatches else f"DIFFERENT for {mismatches[:5]}")
    print()
    print(f"{'':<{width}}{'Whoosh':>14}{'FTS5 stemmed':>16}{'ratio':>9}")
    print(
        f"{'rebuild (s)':<{width}}{analysis_time + whoosh_write:>14.1f}{analysis_time + fts_write:>16.1f}"
        f"{(analysis_time + whoosh_write) / (analysis_time + fts_write):>9.1f}"
    )
    print(f"{'  of which writing':<{width}}{whoosh_write:>14.1f}{fts_write:>16.1f}")
    print(
        f"{'rebuild CPU (s)':<{width}}{analysis_cpu + whoosh_cpu:>14.1f}{analysis_cpu + CPU['Fts5Engine.build']:>16.1f}"
    )
    print(f"(load average while running: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for label, wm, wp, fm, fp in rows:
        print(f"{label + ' median ms':<{width}}{wm:>14.2f}{fm:>16.2f}{wm / fm:>9.1f}")
        print(f"{label + ' p95 ms':<{width}}{wp:>14.2f}{fp:>16.2f}{wp / fp:>9.1f}")
    if not args.keep:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
