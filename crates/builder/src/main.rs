//! `portal-build` command line. See the README section "Large archives".

use portal_build::import::CategoryMap;
use portal_build::{build, check, generate};
use portal_core::inspection::Level;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  portal-build build --site SITE.json [--feed FEED]... [--category-map MAP.json] [--articles DIR]... [--app DIST] --base-url URL --out DIR [--threads N] [--on YYYY-MM-DD] [--strict[=扣分]]
      (a FEED is a JSON Feed, or RSS 0.9x/1.0/2.0 or Atom to import; docs/importing.md; also writes DIR.check.json and DIR.check.html)
  portal-build check --site SITE.json [--feed FEED]... [--category-map MAP.json] [--articles DIR]... [--app DIST] [--base-url URL] [--threads N] [--on YYYY-MM-DD] [--json REPORT.json] [--html REPORT.html] [--strict[=扣分]]
      (检查指标, docs/inspection.md; exit status 2 when --strict finds 否决, or with =扣分 否决 or 扣分)
  portal-build generate --count N --out DIR [--seed S] [--adversarial]
      (--adversarial: phrases whose grams are apart in many articles and together in a known few; DIR/phrases.txt)
  portal-build t2s > public/search-t2s.txt   (the search's Traditional → Simplified table)
  portal-build csp --site SITE.json   (the pages' Content-Security-Policy; scripts/post-build.mjs)
  portal-build search-check --tree DIR [--queries N] [--seed S] [--query-file FILE]
      (站内搜索 against a brute-force scan, precision by query length; FILE: more queries, one a line; bench/search.sh)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut refused = false;
    match run(&args, &mut refused) {
        Ok(message) => {
            println!("{message}");
            // The inspection's findings refuse the site (--strict).
            if refused {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The flags each command takes; each is followed by a value, but `SWITCHES`.
const BUILD_FLAGS: &[&str] = &[
    "--site",
    "--feed",
    "--category-map",
    "--articles",
    "--app",
    "--base-url",
    "--out",
    "--threads",
    "--on",
    "--strict",
];
const CHECK_FLAGS: &[&str] = &[
    "--site",
    "--feed",
    "--category-map",
    "--articles",
    "--app",
    "--base-url",
    "--threads",
    "--on",
    "--json",
    "--html",
    "--strict",
];
const GENERATE_FLAGS: &[&str] = &["--count", "--out", "--seed", "--adversarial"];
const SEARCH_CHECK_FLAGS: &[&str] = &["--tree", "--queries", "--seed", "--query-file"];
/// Flags that take no value (`--strict` may have one after `=`).
const SWITCHES: &[&str] = &["--strict", "--adversarial"];
const CSP_FLAGS: &[&str] = &["--site"];

/// Every argument after the command must be a known flag and its value
/// (or a switch, which takes none): a mistyped flag is an error, not
/// silently ignored.
fn check_flags(args: &[String], known: &[&str]) -> Result<(), String> {
    let mut rest = args.iter().skip(1);
    while let Some(flag) = rest.next() {
        let name = flag.split('=').next().unwrap_or_default();
        if SWITCHES.contains(&name) && known.contains(&name) {
            continue;
        }
        if !known.contains(&flag.as_str()) {
            return Err(format!("unknown argument “{flag}” (known: {})\n{USAGE}", known.join(" ")));
        }
        if rest.next().is_none() {
            return Err(format!("{flag} needs a value\n{USAGE}"));
        }
    }
    Ok(())
}

fn values<'a>(args: &'a [String], flag: &str) -> Vec<&'a str> {
    args.windows(2).filter(|w| w[0] == flag).map(|w| w[1].as_str()).collect()
}

fn one<'a>(args: &'a [String], flag: &str) -> Result<&'a str, String> {
    values(args, flag).last().copied().ok_or_else(|| format!("missing {flag}\n{USAGE}"))
}

/// The heaviest findings `--strict` lets through: none at 否决
/// (`--strict`, `--strict=否决`) or at 扣分 too (`--strict=扣分`).
fn strictness(args: &[String]) -> Result<Option<Level>, String> {
    match args.iter().rev().find(|a| a.split('=').next() == Some("--strict")).map(String::as_str) {
        None => Ok(None),
        Some("--strict") => Ok(Some(Level::Veto)),
        Some(flag) => match Level::from_name(&flag["--strict=".len()..]) {
            Some(level @ (Level::Veto | Level::Deduction)) => Ok(Some(level)),
            _ => Err(format!("“{flag}”：应为 --strict、--strict=否决 或 --strict=扣分\n{USAGE}")),
        },
    }
}

/// `--threads`, else every core.
fn threads(args: &[String]) -> Result<usize, String> {
    match values(args, "--threads").last() {
        Some(n) => n.parse().ok().filter(|&n| n > 0).ok_or_else(|| "--threads takes a number above 0".to_string()),
        None => Ok(std::thread::available_parallelism().map_or(2, |n| n.get())),
    }
}

/// `--category-map`, read against the site's categories.
fn category_map(args: &[String], site: &portal_core::site::SiteConfig) -> Result<CategoryMap, String> {
    match values(args, "--category-map").last() {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
            CategoryMap::parse(&text, site).map_err(|e| format!("{path}: {e}"))
        }
        None => Ok(CategoryMap::default()),
    }
}

/// The input problems that stopped a command, one a line.
fn problems(errors: &[portal_build::BuildError]) -> String {
    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
    format!("{}\n{} problem(s)", list.join("\n"), errors.len())
}

/// `--base-url` as the trees' canonical root (it goes into their site.json,
/// which the app checks by the same rule), ending in `/`.
fn base_url(url: &str) -> Result<String, String> {
    if !portal_core::site::is_base_url(url) {
        return Err(format!(
            "--base-url “{url}” should look like https://www.example.gov.cn/ (an origin and a plain path)"
        ));
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

/// `site.json` at `path`, checked, and as written.
fn read_site(path: &str) -> Result<(portal_core::site::SiteConfig, serde_json::Value), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let site = portal_core::site::SiteConfig::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    let json = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    Ok((site, json))
}

/// Runs the command; `refused` is set when `--strict` refuses the site.
fn run(args: &[String], refused: &mut bool) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("generate") => {
            check_flags(args, GENERATE_FLAGS)?;
            let count: usize = one(args, "--count")?.parse().map_err(|_| "--count takes a number".to_string())?;
            let seed = values(args, "--seed").last().and_then(|s| s.parse().ok()).unwrap_or(20_261_127);
            let out = PathBuf::from(one(args, "--out")?);
            let corpus = if args.iter().any(|a| a == "--adversarial") {
                generate::Corpus::Adversarial
            } else {
                generate::Corpus::Plain
            };
            generate::generate(&out, count, seed, corpus).map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(format!("wrote {count} articles and site.json to {}", out.display()))
        }
        Some("t2s") if args.len() == 1 => Ok(portal_build::traditional::simplified_pairs()),
        Some("csp") => {
            check_flags(args, CSP_FLAGS)?;
            Ok(read_site(one(args, "--site")?)?.0.content_security_policy())
        }
        Some("search-check") => {
            check_flags(args, SEARCH_CHECK_FLAGS)?;
            let number = |flag, default| {
                values(args, flag)
                    .last()
                    .map_or(Ok(default), |n| n.parse().map_err(|_| format!("{flag} takes a number")))
            };
            let (count, seed) = (number("--queries", 200)?, number("--seed", 13)?);
            let mut extra = Vec::new();
            for path in values(args, "--query-file") {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                extra.extend(text.lines().map(str::to_string));
            }
            let tree = std::path::Path::new(one(args, "--tree")?);
            let report = portal_build::search_check::check(tree, count as usize, seed, &extra)?;
            eprintln!("{}", report.summary);
            Ok(report.lines.join("\n"))
        }
        Some("check") => {
            check_flags(args, CHECK_FLAGS)?;
            let site_path = one(args, "--site")?;
            let site = read_site(site_path)?.0;
            let path = |flag| values(args, flag).last().map(PathBuf::from);
            let options = check::Options {
                settings: check::Settings::read(site_path, &site, values(args, "--on").last().copied())?,
                category_map: category_map(args, &site)?,
                site,
                feeds: values(args, "--feed").into_iter().map(PathBuf::from).collect(),
                article_dirs: values(args, "--articles").into_iter().map(PathBuf::from).collect(),
                app_dir: path("--app"),
                base_url: values(args, "--base-url").last().map(|url| base_url(url)).transpose()?,
                json: path("--json"),
                html: path("--html"),
                threads: threads(args)?,
            };
            if options.feeds.is_empty() && options.article_dirs.is_empty() {
                return Err(format!("give --feed or --articles\n{USAGE}"));
            }
            let strict = strictness(args)?;
            let report =
                check::check(&options).map_err(|errors| format!("{}; nothing was checked.", problems(&errors)))?;
            *refused = strict.is_some_and(|level| report.refuses(level));
            Ok(check::summary(&report))
        }
        Some("build") => {
            check_flags(args, BUILD_FLAGS)?;
            let threads = threads(args)?;
            let strict = strictness(args)?;
            let site_path = one(args, "--site")?;
            let (site, site_json) = read_site(site_path)?;
            let base_url = base_url(one(args, "--base-url")?)?;
            let options = build::Options {
                category_map: category_map(args, &site)?,
                inspection: check::Settings::read(site_path, &site, values(args, "--on").last().copied())?,
                site,
                site_json,
                feeds: values(args, "--feed").into_iter().map(PathBuf::from).collect(),
                article_dirs: values(args, "--articles").into_iter().map(PathBuf::from).collect(),
                app_dir: values(args, "--app").last().map(PathBuf::from),
                base_url,
                out: PathBuf::from(one(args, "--out")?),
                threads,
            };
            if options.feeds.is_empty() && options.article_dirs.is_empty() {
                return Err(format!("give --feed or --articles\n{USAGE}"));
            }
            match build::build(&options) {
                Ok(report) => {
                    let changes = &report.changes;
                    let against =
                        if changes.compared { "the tree it replaced" } else { "nothing (no earlier manifest)" };
                    *refused = strict.is_some_and(|level| report.inspection.refuses(level));
                    Ok(format!(
                        "{} articles, {} files written to {}\nagainst {against}: {} added, {} changed, {} removed (listed in {}.changes.json)\n{}\n检查报告：{}.check.html、.check.json",
                        report.articles,
                        report.files,
                        options.out.display(),
                        changes.added.len(),
                        changes.changed.len(),
                        changes.removed.len(),
                        options.out.display(),
                        check::summary(&report.inspection),
                        options.out.display()
                    ))
                }
                Err(errors) => Err(format!("{}; {} was left as it was.", problems(&errors), options.out.display())),
            }
        }
        _ => Err(USAGE.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(String::from).collect()
    }

    fn run(args: &[String]) -> Result<String, String> {
        super::run(args, &mut false)
    }

    #[test]
    fn unknown_or_incomplete_flags_are_errors() {
        let error = run(&args("build --site s.json --thread 8 --out o")).unwrap_err();
        assert!(error.starts_with("unknown argument “--thread”"), "{error}");
        assert!(run(&args("generate --count 3 --out")).unwrap_err().starts_with("--out needs a value"));
        assert!(run(&args("build --site s.json --threads 0")).unwrap_err().starts_with("--threads takes a number"));
        assert_eq!(check_flags(&args("build --site s --threads 2"), BUILD_FLAGS), Ok(()));
        assert_eq!(check_flags(&args("generate --adversarial --count 3 --out o"), GENERATE_FLAGS), Ok(()));
        assert!(check_flags(&args("build --adversarial --site s"), BUILD_FLAGS).is_err(), "generate's switch only");
        assert!(base_url("https://例子.中国/").unwrap_err().starts_with("--base-url “https://例子.中国/”"));
        assert_eq!(base_url("https://x.gov.cn/news").as_deref(), Ok("https://x.gov.cn/news/"));
    }

    #[test]
    fn strict_is_a_switch_with_an_optional_level() {
        assert_eq!(check_flags(&args("check --strict --site s --strict=扣分"), CHECK_FLAGS), Ok(()));
        assert_eq!(strictness(&args("check --site s")), Ok(None));
        assert_eq!(strictness(&args("check --strict --site s")), Ok(Some(Level::Veto)));
        assert_eq!(strictness(&args("check --strict=否决")), Ok(Some(Level::Veto)));
        assert_eq!(strictness(&args("check --strict --strict=扣分")), Ok(Some(Level::Deduction)));
        assert!(strictness(&args("check --strict=提示")).is_err());
        assert!(run(&args("check --site s.json --stricter")).unwrap_err().starts_with("unknown argument “--stricter”"));
    }
}
