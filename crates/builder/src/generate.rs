//! A synthetic archive for tests and benchmarks: N article files in 12
//! categories, Chinese text of realistic length (about 600 to 2,400
//! characters), tags that overlap, some photos, and a site.json to go with
//! them. Deterministic for a given seed. An adversarial archive adds
//! phrases that 站内搜索's grams find where they are not (`Corpus`).

use std::fmt::Write as _;
use std::path::Path;

pub const CATEGORIES: [(&str, &str); 12] = [
    ("kfqdt", "开发区动态"),
    ("gnzx", "国内资讯"),
    ("mtjj", "媒体聚焦"),
    ("cyfz", "产业发展"),
    ("shsy", "社会事业"),
    ("zwgk", "政务公开"),
    ("tzgg", "通知公告"),
    ("zsyz", "招商引资"),
    ("kjcx", "科技创新"),
    ("sthj", "生态环境"),
    ("msfw", "民生服务"),
    ("djgz", "党建工作"),
];
const TAGS: [&str; 24] = [
    "招商引资",
    "项目建设",
    "制造业",
    "新能源",
    "数字经济",
    "营商环境",
    "教育",
    "医疗",
    "就业",
    "社区",
    "文化",
    "交通",
    "环保",
    "安全生产",
    "乡村振兴",
    "人才",
    "科技",
    "港口",
    "物流",
    "民生",
    "政策解读",
    "政务服务",
    "外贸",
    "消费",
];
const SUBJECTS: [&str; 12] = [
    "开发区",
    "园区企业",
    "管委会",
    "社区服务中心",
    "科技创新服务中心",
    "经济发展局",
    "人才服务站",
    "市场监管所",
    "港口物流园",
    "新材料产业园",
    "实验学校",
    "开发区医院",
];
const ACTIONS: [&str; 12] = [
    "召开专题推进会",
    "启动专项行动",
    "举办对接活动",
    "发布实施方案",
    "完成年度目标",
    "开展集中检查",
    "签约重点项目",
    "上线服务平台",
    "组织技能培训",
    "推进改造提升",
    "开展便民服务",
    "通过评审验收",
];
const SENTENCES: [&str; 16] = [
    "会议强调，要坚持问题导向，压实工作责任，确保各项任务按时保质完成。",
    "据介绍，该项目总投资约数亿元，建成后将进一步完善区域产业配套。",
    "活动现场，工作人员为企业和群众提供政策咨询、业务办理等服务。",
    "下一步，开发区将持续优化营商环境，推动更多项目早落地、早投产。",
    "相关负责人表示，将加强统筹协调，及时解决企业在生产经营中遇到的困难。",
    "今年以来，园区累计新增市场主体数百家，经济运行总体平稳、稳中有进。",
    "参会企业代表纷纷表示，一系列惠企政策为企业发展注入了信心和动力。",
    "此次培训围绕安全生产、技能提升和职业规划等内容展开，学员反响热烈。",
    "各社区结合实际，通过入户走访、线上宣传等方式扩大政策知晓面。",
    "检查组深入企业生产一线，对发现的问题当场反馈并督促限期整改。",
    "据统计，前三季度全区规模以上工业增加值同比增长，增速高于全市平均水平。",
    "该平台整合了政务服务、企业诉求、政策兑现等功能，实现一网通办。",
    "学校坚持立德树人，不断丰富课后服务内容，促进学生全面发展。",
    "医院新增多个专科门诊，进一步满足辖区群众多层次就医需求。",
    "为确保工作取得实效，开发区成立专项工作组，实行清单化管理。",
    "与会人员围绕产业链协同、人才引进等议题进行了深入交流。",
];
const IMAGES: [&str; 12] = [
    "factory",
    "lab",
    "port",
    "school",
    "hospital",
    "park",
    "road",
    "solar",
    "community",
    "culture",
    "training",
    "river",
];

/// Phrases of 4 to 12 characters, one of each length, that no sentence,
/// subject or action above has.
pub const ADVERSARIAL_PHRASES: [&str; 9] = [
    "智慧城市",
    "高质量发展",
    "数字政府建设",
    "城乡融合示范区",
    "营商环境创新试点",
    "生态环境保护督察组",
    "重点项目集中开工仪式",
    "跨境电商综合试验区建设",
    "老旧小区改造提升工程项目",
];

/// What the articles' text is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Corpus {
    /// Sentences from the lists above.
    Plain,
    /// The same, and each of `ADVERSARIAL_PHRASES` whole in a known few
    /// articles (`has_phrase`) and in pieces apart in a third of the others:
    /// every gram of the phrase, in the title or the text, but not the phrase.
    /// Real prose has the parts of a phrase apart far more often than the
    /// plain sentences do; this has them as often as can be.
    Adversarial,
}

/// Whether article `n` (0 is the newest) of an adversarial archive has
/// phrase number `phrase` of `ADVERSARIAL_PHRASES` whole: one in 30.
pub fn has_phrase(n: usize, phrase: usize) -> bool {
    (n + 7 * phrase).is_multiple_of(30)
}

/// The clauses adversarial article `n` adds, each to be set apart by
/// punctuation: a phrase whole, or its pieces. The pieces are either its two
/// ends, each a character short (every gram of any length below the
/// phrase's), or each of its 3-grams alone.
fn adversarial_clauses(n: usize) -> Vec<String> {
    let mut clauses = Vec::new();
    for (i, phrase) in ADVERSARIAL_PHRASES.iter().enumerate() {
        let chars: Vec<char> = phrase.chars().collect();
        if has_phrase(n, i) {
            clauses.push(phrase.to_string());
        } else if !(n + i).is_multiple_of(3) {
            continue;
        } else if n.is_multiple_of(2) {
            clauses.push(chars[..chars.len() - 1].iter().collect());
            clauses.push(chars[1..].iter().collect());
        } else {
            clauses.extend(chars.windows(3).map(|w| w.iter().collect::<String>()));
        }
    }
    clauses
}

/// xorshift64*: small, fast, reproducible.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Writes `count` article files into `out/articles/` and `out/site.json`
/// (and, for an adversarial corpus, its phrases into `out/phrases.txt`, one
/// a line, for `search-check --query-file`).
pub fn generate(out: &Path, count: usize, seed: u64, corpus: Corpus) -> std::io::Result<()> {
    let articles = out.join("articles");
    std::fs::create_dir_all(&articles)?;
    let mut random = Random(seed.max(1));
    // About 27 articles a day, newest first by id. The step does not depend
    // on `count`, so a small archive is the newest part of a large one.
    let newest: i64 = 1_795_000_000;
    for n in 0..count {
        let category = CATEGORIES[n % CATEGORIES.len()];
        let at = newest - n as i64 * 3200 - random.below(3000) as i64;
        let mut title = format!("{}{}（第{}期）", random.pick(&SUBJECTS), random.pick(&ACTIONS), n + 1);
        let mut clauses = match corpus {
            Corpus::Plain => Vec::new(),
            Corpus::Adversarial => adversarial_clauses(n),
        }
        .into_iter();
        // A quarter of the titles lead with two clauses: the index then ranks
        // such a title first when it has every gram of a phrase.
        if n % 4 == 1 && clauses.len() >= 2 {
            title = format!("{}、{}：{title}", clauses.next().unwrap_or_default(), clauses.next().unwrap_or_default());
        }
        let tags: Vec<&str> = (0..1 + random.below(3)).map(|_| random.pick(&TAGS)).collect();
        let mut body = String::new();
        let paragraphs = 3 + random.below(8);
        for _ in 0..paragraphs {
            body.push_str("<p>");
            for _ in 0..2 + random.below(5) {
                body.push_str(random.pick(&SENTENCES));
                if let Some(clause) = clauses.next() {
                    body.push_str(&clause);
                    body.push('。');
                }
            }
            body.push_str("</p>\n");
        }
        let rest: Vec<String> = clauses.collect();
        if !rest.is_empty() {
            let _ = writeln!(body, "<p>{}。</p>", rest.join("。"));
        }
        let mut text = String::new();
        let _ = writeln!(
            text,
            "---\nid: n{n:06}\ntitle: {title}\ndate: {}\ncategory: {}",
            portal_core::date::format_rfc3339(at, 480),
            category.0
        );
        let _ = writeln!(
            text,
            "tags: {}\nsource: 泉州经济开发区\neditor: 编辑{}\nauthor: 记者{}",
            tags.join(", "),
            random.below(20),
            random.below(50)
        );
        let _ = writeln!(text, "summary: {}", &SENTENCES[n % SENTENCES.len()]);
        if n % 5 == 0 {
            let image = random.pick(&IMAGES);
            let _ = writeln!(
                text,
                "image: images/{image}.svg\nphoto: images/{image}.svg | 示意图 | {title}现场。 记者 摄 | 640 | 400 | 1"
            );
        }
        if n % 7 == 0 {
            let _ = writeln!(
                text,
                "kicker: {}\nsubtitle: {}",
                random.pick(&SUBJECTS),
                &SENTENCES[(n + 1) % SENTENCES.len()]
            );
        }
        if n % 97 == 0 {
            let _ = writeln!(text, "headline: true");
        }
        let _ = write!(text, "---\n{body}");
        std::fs::write(articles.join(format!("n{n:06}.html")), text)?;
    }
    let categories: Vec<String> =
        CATEGORIES.iter().map(|(slug, name)| format!("{{\"slug\":\"{slug}\",\"name\":\"{name}\"}}")).collect();
    let site = format!(
        r#"{{"name":"合成档案测试站","logo":"images/logo.svg","description":"用于测试和基准的合成新闻档案","feed":"feed.json","timezone":"+08:00","categories":[{}],"side_blocks":["mtjj","cyfz","shsy"],"page_size":20,"block_size":6,"related_count":6,"disclaimer":["合成内容，仅用于测试。"],"share":["wechat","weibo","copy"],"footer":{{"site_code":"0000000000","copyright":"测试站点","badge":{{"image":"images/badge.svg"}}}},"mourning":{{"dates":["2020-04-04"]}},"traditional":{{"keep":["测试站点"]}}}}"#,
        categories.join(",")
    );
    std::fs::write(out.join("site.json"), site)?;
    if corpus == Corpus::Adversarial {
        std::fs::write(out.join("phrases.txt"), ADVERSARIAL_PHRASES.join("\n") + "\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adversarial_phrases_are_whole_only_where_said_and_their_grams_apart_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), 120, 9, Corpus::Adversarial).unwrap();
        let plain_text = [&SENTENCES[..], &SUBJECTS[..], &ACTIONS[..], &TAGS[..]].concat().concat();
        for (i, phrase) in ADVERSARIAL_PHRASES.iter().enumerate() {
            assert_eq!(phrase.chars().count(), i + 4);
            assert!(!plain_text.contains(phrase));
            assert!(ADVERSARIAL_PHRASES.iter().all(|other| other == phrase || !other.contains(phrase)));
        }
        let mut apart = vec![0; ADVERSARIAL_PHRASES.len()];
        for n in 0..120 {
            let text = std::fs::read_to_string(dir.path().join(format!("articles/n{n:06}.html"))).unwrap();
            for (i, phrase) in ADVERSARIAL_PHRASES.iter().enumerate() {
                assert_eq!(text.contains(phrase), has_phrase(n, i), "{n}: {phrase}");
                let chars: Vec<char> = phrase.chars().collect();
                let every_gram = chars.windows(3).all(|w| text.contains(&w.iter().collect::<String>()));
                apart[i] += usize::from(every_gram && !has_phrase(n, i));
            }
        }
        assert!(apart.iter().all(|&n| n >= 35), "{apart:?}");
        assert!(dir.path().join("phrases.txt").exists());
    }
}
