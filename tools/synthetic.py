"""A synthetic award archive: N programme years with ~250 winners each, to measure the
build at the size the real archive will reach (OPDC has given ~250 awards a year since 2548).

Deterministic: the same arguments give the same files, byte for byte. Each year draws from
its own random stream (seeded with the seed and the year), so a 5-year archive is the last
5 years of the 20-year one and the figures of ``make bench`` compare like with like.

The criteria are the real programme years (``--all-criteria`` copies the newest year's into
every year, the heaviest case); agencies are the real ones plus agencies of every province;
winners and honours are made up from Thai/English phrase pairs. Nothing made up here is OPDC
data: every generated winner names "synthetic-archive" as its source.

    python -m tools.synthetic OUT --years 20            # OUT/rubrics/
    python -m tools.synthetic OUT --years 20 --project  # plus what `mkdocs build` needs
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml

from generator import project_root
from generator.content.catalog import load_catalog

SOURCE = "synthetic-archive"

# 76 provinces (Bangkok has no provincial offices): id, Thai name, English name.
PROVINCES = [
    ("krabi", "กระบี่", "Krabi"), ("kanchanaburi", "กาญจนบุรี", "Kanchanaburi"), ("kalasin", "กาฬสินธุ์", "Kalasin"),
    ("kamphaeng-phet", "กำแพงเพชร", "Kamphaeng Phet"), ("khon-kaen", "ขอนแก่น", "Khon Kaen"), ("chanthaburi", "จันทบุรี", "Chanthaburi"),
    ("chachoengsao", "ฉะเชิงเทรา", "Chachoengsao"), ("chonburi", "ชลบุรี", "Chonburi"), ("chai-nat", "ชัยนาท", "Chai Nat"),
    ("chaiyaphum", "ชัยภูมิ", "Chaiyaphum"), ("chumphon", "ชุมพร", "Chumphon"), ("chiang-rai", "เชียงราย", "Chiang Rai"),
    ("chiang-mai", "เชียงใหม่", "Chiang Mai"), ("trang", "ตรัง", "Trang"), ("trat", "ตราด", "Trat"), ("tak", "ตาก", "Tak"),
    ("nakhon-nayok", "นครนายก", "Nakhon Nayok"), ("nakhon-pathom", "นครปฐม", "Nakhon Pathom"), ("nakhon-phanom", "นครพนม", "Nakhon Phanom"),
    ("nakhon-ratchasima", "นครราชสีมา", "Nakhon Ratchasima"), ("nakhon-si-thammarat", "นครศรีธรรมราช", "Nakhon Si Thammarat"),
    ("nakhon-sawan", "นครสวรรค์", "Nakhon Sawan"), ("nonthaburi", "นนทบุรี", "Nonthaburi"), ("narathiwat", "นราธิวาส", "Narathiwat"),
    ("nan", "น่าน", "Nan"), ("bueng-kan", "บึงกาฬ", "Bueng Kan"), ("buriram", "บุรีรัมย์", "Buriram"), ("pathum-thani", "ปทุมธานี", "Pathum Thani"),
    ("prachuap-khiri-khan", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan"), ("prachinburi", "ปราจีนบุรี", "Prachinburi"), ("pattani", "ปัตตานี", "Pattani"),
    ("ayutthaya", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"), ("phayao", "พะเยา", "Phayao"), ("phang-nga", "พังงา", "Phang Nga"),
    ("phatthalung", "พัทลุง", "Phatthalung"), ("phichit", "พิจิตร", "Phichit"), ("phitsanulok", "พิษณุโลก", "Phitsanulok"),
    ("phetchaburi", "เพชรบุรี", "Phetchaburi"), ("phetchabun", "เพชรบูรณ์", "Phetchabun"), ("phrae", "แพร่", "Phrae"), ("phuket", "ภูเก็ต", "Phuket"),
    ("maha-sarakham", "มหาสารคาม", "Maha Sarakham"), ("mukdahan", "มุกดาหาร", "Mukdahan"), ("mae-hong-son", "แม่ฮ่องสอน", "Mae Hong Son"),
    ("yasothon", "ยโสธร", "Yasothon"), ("yala", "ยะลา", "Yala"), ("roi-et", "ร้อยเอ็ด", "Roi Et"), ("ranong", "ระนอง", "Ranong"),
    ("rayong", "ระยอง", "Rayong"), ("ratchaburi", "ราชบุรี", "Ratchaburi"), ("lopburi", "ลพบุรี", "Lopburi"), ("lampang", "ลำปาง", "Lampang"),
    ("lamphun", "ลำพูน", "Lamphun"), ("loei", "เลย", "Loei"), ("sisaket", "ศรีสะเกษ", "Sisaket"), ("sakon-nakhon", "สกลนคร", "Sakon Nakhon"),
    ("songkhla", "สงขลา", "Songkhla"), ("satun", "สตูล", "Satun"), ("samut-prakan", "สมุทรปราการ", "Samut Prakan"),
    ("samut-songkhram", "สมุทรสงคราม", "Samut Songkhram"), ("samut-sakhon", "สมุทรสาคร", "Samut Sakhon"), ("sa-kaeo", "สระแก้ว", "Sa Kaeo"),
    ("saraburi", "สระบุรี", "Saraburi"), ("sing-buri", "สิงห์บุรี", "Sing Buri"), ("sukhothai", "สุโขทัย", "Sukhothai"),
    ("suphanburi", "สุพรรณบุรี", "Suphanburi"), ("surat-thani", "สุราษฎร์ธานี", "Surat Thani"), ("surin", "สุรินทร์", "Surin"),
    ("nong-khai", "หนองคาย", "Nong Khai"), ("nong-bua-lamphu", "หนองบัวลำภู", "Nong Bua Lamphu"), ("ang-thong", "อ่างทอง", "Ang Thong"),
    ("amnat-charoen", "อำนาจเจริญ", "Amnat Charoen"), ("udon-thani", "อุดรธานี", "Udon Thani"), ("uttaradit", "อุตรดิตถ์", "Uttaradit"),
    ("uthai-thani", "อุทัยธานี", "Uthai Thani"), ("ubon-ratchathani", "อุบลราชธานี", "Ubon Ratchathani"),
]

# Provincial agencies: id suffix, Thai and English name patterns, parent (a real agency id).
AGENCY_KINDS = [
    ("hospital", "โรงพยาบาล{th}", "{en} Hospital", "ministry-of-public-health"),
    ("health-office", "สำนักงานสาธารณสุขจังหวัด{th}", "{en} Provincial Public Health Office", "ministry-of-public-health"),
    ("pao", "องค์การบริหารส่วนจังหวัด{th}", "{en} Provincial Administrative Organisation", "ministry-of-interior"),
    ("land-office", "สำนักงานที่ดินจังหวัด{th}", "{en} Provincial Land Office", "ministry-of-interior"),
    ("agriculture-office", "สำนักงานเกษตรจังหวัด{th}", "{en} Provincial Agricultural Extension Office", "ministry-of-agriculture-and-cooperatives"),
    ("cd-office", "สำนักงานพัฒนาชุมชนจังหวัด{th}", "{en} Provincial Community Development Office", "ministry-of-interior"),
    ("labour-office", "สำนักงานแรงงานจังหวัด{th}", "{en} Provincial Labour Office", "ministry-of-labour"),
]

SUBJECTS = [
    ("ระบบนัดหมายออนไลน์", "Online appointment system"),
    ("ศูนย์บริการแบบเบ็ดเสร็จ", "One-stop service centre"),
    ("แอปพลิเคชันแจ้งเหตุและติดตามเรื่องร้องเรียน", "App for reporting incidents and tracking complaints"),
    ("ธนาคารขยะชุมชน", "Community waste bank"),
    ("เครือข่ายอาสาสมัครดูแลผู้สูงอายุ", "Volunteer network caring for older people"),
    ("ระบบข้อมูลสุขภาพที่เชื่อมโยงทุกหน่วยบริการ", "Health data system linking every service unit"),
    ("กระบวนการออกใบอนุญาตแบบดิจิทัล", "Digital licensing process"),
    ("ตลาดชุมชนออนไลน์", "Online community market"),
    ("การบริหารจัดการน้ำแบบมีส่วนร่วม", "Participatory water management"),
    ("ระบบเตือนภัยล่วงหน้า", "Early warning system"),
    ("คลินิกเกษตรเคลื่อนที่", "Mobile agricultural clinic"),
    ("ศูนย์ข้อมูลที่ดินอิเล็กทรอนิกส์", "Electronic land information centre"),
    ("การจัดการป่าชุมชน", "Community forest management"),
    ("ระบบการแพทย์ทางไกล", "Telemedicine system"),
    ("โรงเรียนผู้สูงอายุ", "School for older people"),
    ("ศูนย์จัดหางานเคลื่อนที่", "Mobile job centre"),
    ("ระบบติดตามการใช้งบประมาณแบบเปิด", "Open budget tracking system"),
    ("แผนที่ความเสี่ยงภัยพิบัติของชุมชน", "Community disaster risk map"),
    ("กองทุนสวัสดิการชุมชน", "Community welfare fund"),
    ("บริการรับส่งผู้ป่วยฉุกเฉิน", "Emergency patient transport service"),
]

GOALS = [
    ("เพื่อลดระยะเวลารอคอยของผู้รับบริการ", "to cut service users' waiting time"),
    ("เพื่อยกระดับคุณภาพชีวิตของประชาชน", "to raise people's quality of life"),
    ("เพื่อเพิ่มรายได้ของเกษตรกร", "to raise farmers' incomes"),
    ("เพื่อลดขั้นตอนและค่าใช้จ่ายในการติดต่อราชการ", "to cut the steps and costs of dealing with government"),
    ("เพื่อป้องกันและบรรเทาสาธารณภัย", "to prevent and mitigate disasters"),
    ("เพื่อดูแลกลุ่มเปราะบางในชุมชน", "to care for vulnerable groups in the community"),
    ("เพื่อสร้างความโปร่งใสในการบริหารงาน", "to make administration transparent"),
    ("เพื่อลดปริมาณขยะในพื้นที่", "to reduce waste in the area"),
    ("เพื่อฟื้นฟูทรัพยากรธรรมชาติ", "to restore natural resources"),
    ("เพื่อส่งเสริมการมีงานทำ", "to promote employment"),
    ("เพื่อให้ประชาชนเข้าถึงบริการสุขภาพอย่างทั่วถึง", "to give everyone access to health services"),
    ("เพื่อแก้ไขปัญหาภัยแล้งและน้ำท่วม", "to tackle drought and flooding"),
    ("เพื่อพัฒนาเด็กปฐมวัย", "to support early childhood development"),
    ("เพื่อลดอุบัติเหตุทางถนน", "to reduce road accidents"),
    ("เพื่อส่งเสริมการท่องเที่ยวโดยชุมชน", "to promote community-based tourism"),
    ("เพื่อให้ประชาชนมีส่วนร่วมในการตัดสินใจ", "so that citizens take part in decisions"),
]

SUMMARIES = [
    ("ลดระยะเวลาการให้บริการจาก {a} วันเหลือ {b} วัน มีผู้รับบริการ {n:,} ราย และความพึงพอใจร้อยละ {s}",
     "Cut the service time from {a} days to {b}, served {n:,} people, with {s} percent satisfaction."),
    ("ดำเนินการร่วมกับเครือข่าย {k} แห่ง ครอบคลุม {v} หมู่บ้าน ประชาชนได้รับประโยชน์ {n:,} คน",
     "Run with {k} partner organisations across {v} villages, benefiting {n:,} people."),
    ("ประหยัดงบประมาณได้ {m:,} บาทต่อปี และลดขั้นตอนการทำงานจาก {a} ขั้นตอนเหลือ {b} ขั้นตอน",
     "Saves {m:,} baht a year and cuts the procedure from {a} steps to {b}."),
]

HIGHLIGHTS = [
    ("ขยายผลไปยังหน่วยงานอื่น {k} แห่ง", "Extended to {k} other agencies."),
    ("ใช้ข้อมูลและเทคโนโลยีดิจิทัลติดตามผลการดำเนินงานได้ทันที", "Uses data and digital technology to follow results as they happen."),
    ("ได้รับความร่วมมือจากภาคเอกชนและภาคประชาสังคม", "Works with the private sector and civil society."),
    ("ผู้บริหารให้ความสำคัญและติดตามผลอย่างต่อเนื่อง", "Its executives give it priority and follow its results closely."),
]

FIGURES = [
    ("service-users", "จำนวนผู้รับบริการ", "Service users", "ราย", "people", (1_000, 500_000)),
    ("time-saved", "ระยะเวลาการให้บริการที่ลดลง", "Reduction in service time", "ร้อยละ", "percent", (10, 90)),
    ("budget-saved", "งบประมาณที่ประหยัดได้ต่อปี", "Budget saved per year", "บาท", "baht", (100_000, 50_000_000)),
    ("villages", "หมู่บ้านที่ได้รับประโยชน์", "Villages that benefit", "หมู่บ้าน", "villages", (5, 900)),
]


def _year_text(be: int) -> dict[str, str]:
    return {"th": f"รางวัลเลิศรัฐ ประจำปี {be}", "en": f"Public Sector Excellence Awards {be - 543} (BE {be})"}


def _source(be: int) -> dict[str, str]:
    return {"document": SOURCE, "section": f"ผลงานที่ได้รับรางวัล ประจำปี {be} (ข้อมูลสังเคราะห์)"}


def _shift(iso: str, years: int) -> str:
    """A CE date (YYYY-MM-DD or YYYY-MM) moved by whole years (29 February → 28)."""
    parts = iso.split("-")
    parts[0] = str(int(parts[0]) + years)
    if parts[1:] == ["02", "29"]:
        parts[2] = "28"
    return "-".join(parts)


def _dump(path: Path, data: Any, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")


def _agencies(template: Path) -> tuple[list[dict], dict[str, tuple[str, str]]]:
    """The real agencies plus one of each kind per province (ids the real data uses are
    kept as they are), and the province of each made-up agency."""
    real = yaml.safe_load((template / "rubrics" / "agencies.yaml").read_text(encoding="utf-8"))["agencies"]
    known = {a["id"] for a in real}
    made, province = [], {}
    for slug, th, en in PROVINCES:
        for suffix, th_pattern, en_pattern, parent in AGENCY_KINDS:
            agency_id = f"{slug}-{suffix}"
            if agency_id in known:
                continue
            made.append({"id": agency_id, "name": {"th": th_pattern.format(th=th), "en": en_pattern.format(en=en)}, "parent": parent})
            province[agency_id] = (th, en)
    return real + made, province


def _levels(branch: Any, type_id: str) -> list[str]:
    if branch.levels:
        return [level.id for level in branch.levels]
    return [band.id for band in branch.scoring.bands if not band.applies_to or type_id in band.applies_to]


def _winners(be: int, count: int, branches: list, agency_ids: list[str], weights: list[float],
             provinces: dict[str, tuple[str, str]], rng: random.Random) -> list[dict]:
    winners = []
    shares = [45, 25, 30] if len(branches) == 3 else None  # service, participation, PMQA
    for n in range(1, count + 1):
        branch = rng.choices(branches, weights=shares)[0]
        b = branch.model
        award_type = rng.choice(branch.types).model.id
        levels = _levels(b, award_type)
        agency = rng.choices(agency_ids, weights=weights)[0]
        subject, goal = rng.choice(SUBJECTS), rng.choice(GOALS)
        title = {"th": subject[0] + goal[0], "en": f"{subject[1]} {goal[1]}"}
        place = provinces.get(agency)
        if place and rng.random() < 0.5:
            title = {"th": f"{title['th']} จังหวัด{place[0]}", "en": f"{title['en']} in {place[1]} Province"}
        winner: dict[str, Any] = {"id": f"w{be}-{n:03d}", "branch": b.id, "type": award_type}
        if levels and rng.random() < 0.9:
            winner["level"] = rng.choice(levels)
        winner["agency"] = agency
        if rng.random() < 0.1:
            winner["partners"] = [rng.choice([a for a in agency_ids if a != agency])]
        winner["title"] = title
        values = {"a": rng.randint(8, 60), "b": rng.randint(1, 7), "n": rng.randint(200, 90_000), "s": rng.randint(80, 99),
                  "k": rng.randint(3, 40), "v": rng.randint(5, 300), "m": rng.randint(50, 9_000) * 1000}
        if rng.random() < 0.6:
            th, en = rng.choice(SUMMARIES)
            winner["summary"] = {"th": th.format(**values), "en": en.format(**values)}
        if rng.random() < 0.025:
            winner["featured"] = True
            winner["highlights"] = [{"th": th.format(**values), "en": en.format(**values)} for th, en in rng.sample(HIGHLIGHTS, 2)]
            winner["figures"] = [
                {"id": fid, "label": {"th": lth, "en": len_}, "value": rng.randint(*bounds), "unit": {"th": uth, "en": uen}}
                for fid, lth, len_, uth, uen, bounds in rng.sample(FIGURES, 3)
            ]
        winner["source"] = _source(be)
        winners.append(winner)
    return winners


def write_rubrics(out: Path, years: int, per_year: int = 250, seed: int = 2566, template: Path | None = None,
                  all_criteria: bool = False) -> dict[str, int]:
    """Write ``out/rubrics/``: winners of ``years`` programme years ending with the newest real one.

    The criteria (rubrics/<year>/) are the real programme years, as an archive that grows by
    its winners holds them; with ``all_criteria`` every synthetic year also gets a copy of the
    newest year's branches and types, the heaviest case (20 years of full criteria)."""
    template = template or project_root()
    catalog = load_catalog(template)
    newest = catalog.years[0]
    rubrics = out / "rubrics"
    if rubrics.exists():
        shutil.rmtree(rubrics)
    for year in catalog.years:
        shutil.copytree(template / Path(year.source_file).parent, rubrics / str(year.year))
    agencies, provinces = _agencies(template)
    provincial = list(provinces)
    _dump(rubrics / "agencies.yaml", {"agencies": agencies}, "../schema/agencies.schema.json")
    documents = yaml.load((template / "rubrics" / "documents.yaml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)["documents"]
    documents.append({"id": SOURCE, "title": {"th": "ข้อมูลสังเคราะห์สำหรับทดสอบความเร็ว", "en": "Synthetic data for the benchmark"}})
    _dump(rubrics / "documents.yaml", {"documents": documents}, "../schema/documents.schema.json")
    (rubrics / "winners").mkdir(parents=True)
    shutil.copy2(template / "rubrics" / "winners" / "unpsa.yaml", rubrics / "winners" / "unpsa.yaml")
    real_year = yaml.safe_load((template / newest.source_file).read_text(encoding="utf-8"))
    # Provincial agencies win most awards; some win far more often than others, as in the real lists.
    pool = provincial + [a["id"] for a in agencies if a["id"] not in set(provincial) and a.get("parent")]
    weights = [1 / (rank + 1) ** 0.7 for rank in range(len(pool))]
    random.Random(f"{seed}-agencies").shuffle(weights)
    first = newest.year - years + 1
    real_years = {y.year for y in catalog.years}
    total = 0
    for be in range(first, newest.year + 1):
        rng = random.Random(f"{seed}-{be}")
        count = max(1, round(per_year * rng.uniform(0.9, 1.1)))
        winners = _winners(be, count, list(newest.branches), pool, weights, provinces, rng)
        honoured = rng.sample([a["id"] for a in agencies if a.get("parent") and a["id"] not in set(provincial)], 2)
        honours = [{
            "agency": agency,
            "citation": {
                "th": "เป็นต้นแบบของการพัฒนาระบบราชการอย่างต่อเนื่อง ได้รับรางวัลเลิศรัฐติดต่อกันหลายปี และขยายผลสู่หน่วยงานอื่น",
                "en": "A model of continuous development in public administration: it has received Public Sector Excellence Awards for many years in a row and extended its work to other agencies.",
            },
            "source": _source(be),
        } for agency in honoured]
        _dump(rubrics / "winners" / f"{be}.yaml", {"year": be, "honours": honours, "winners": winners, "source": _source(be)}, "../../schema/winners.schema.json")
        total += len(winners)
        if all_criteria and be not in real_years:
            for branch in newest.branches:
                shutil.copytree(template / Path(branch.source_file).parent, rubrics / str(be) / branch.model.id)
            shift = be - newest.year
            year = dict(real_year, year=be, name=_year_text(be), figures=[], statistics=[])
            year["milestones"] = [dict(m, date=_shift(str(m["date"]), shift), **({"end": _shift(str(m["end"]), shift)} if "end" in m else {}))
                                  for m in real_year.get("milestones", [])]
            _dump(rubrics / str(be) / "year.yaml", year, "../../schema/year.schema.json")
    return {"years": years, "winners": total, "agencies": len(agencies)}


def write_project(out: Path, years: int, per_year: int = 250, seed: int = 2566, template: Path | None = None,
                  all_criteria: bool = False) -> dict[str, int]:
    """A buildable project: the synthetic rubrics/ plus the site configuration, theme
    overrides, hand-written pages and the generator (the MkDocs hook is loaded by path)."""
    template = template or project_root()
    out.mkdir(parents=True, exist_ok=True)
    for name in ("overrides", "generator"):
        if not (out / name).exists():
            shutil.copytree(template / name, out / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(template / "mkdocs.yml", out / "mkdocs.yml")
    (out / "content").mkdir(exist_ok=True)
    for page in (template / "content").glob("*.md"):
        if "by lertrat" not in page.read_text(encoding="utf-8").partition("\n")[0]:
            shutil.copy2(page, out / "content" / page.name)
    return write_rubrics(out, years, per_year, seed, template, all_criteria)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.synthetic", description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write rubrics/ into (replaced if it exists)")
    parser.add_argument("--years", type=int, default=20)
    parser.add_argument("--per-year", type=int, default=250)
    parser.add_argument("--seed", type=int, default=2566)
    parser.add_argument("--all-criteria", action="store_true", help="give every year a copy of the newest year's criteria (the heaviest case)")
    parser.add_argument("--project", action="store_true", help="also copy what `mkdocs build` needs (mkdocs.yml, overrides/, generator/, content/)")
    args = parser.parse_args(argv)
    made = (write_project if args.project else write_rubrics)(args.out, args.years, args.per_year, args.seed, all_criteria=args.all_criteria)
    print(f"wrote {made['years']} programme years, {made['winners']} winners, {made['agencies']} agencies into {args.out / 'rubrics'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
