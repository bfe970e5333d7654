//! `portal-build` command line. See the README section "Large archives".

use portal_build::import::CategoryMap;
use portal_build::{build, generate};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  portal-build build --site SITE.json [--feed FEED]... [--category-map MAP.json] [--articles DIR]... [--app DIST] --base-url URL --out DIR [--threads N]
      (a FEED is a JSON Feed, or RSS 0.9x/1.0/2.0 or Atom to import; docs/importing.md)
  portal-build generate --count N --out DIR [--seed S]
  portal-build t2s > public/search-t2s.txt   (the search's Traditional → Simplified table)
  portal-build csp --site SITE.json   (the pages' Content-Security-Policy; scripts/post-build.mjs)
  portal-build search-check --tree DIR [--queries N] [--seed S]   (站内搜索 against a brute-force scan; bench/search.sh)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// The flags each command takes; each is followed by a value.
const BUILD_FLAGS: &[&str] =
    &["--site", "--feed", "--category-map", "--articles", "--app", "--base-url", "--out", "--threads"];
const GENERATE_FLAGS: &[&str] = &["--count", "--out", "--seed"];
const SEARCH_CHECK_FLAGS: &[&str] = &["--tree", "--queries", "--seed"];
const CSP_FLAGS: &[&str] = &["--site"];

/// Every argument after the command must be a known flag and its value:
/// a mistyped flag is an error, not silently ignored.
fn check_flags(args: &[String], known: &[&str]) -> Result<(), String> {
    let mut rest = args.iter().skip(1);
    while let Some(flag) = rest.next() {
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

/// `site.json` at `path`, checked, and as written.
fn read_site(path: &str) -> Result<(portal_core::site::SiteConfig, serde_json::Value), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let site = portal_core::site::SiteConfig::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    let json = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    Ok((site, json))
}

fn run(args: &[String]) -> Result<String, String> {
    match args.first().map(String::as_str) {
        Some("generate") => {
            check_flags(args, GENERATE_FLAGS)?;
            let count: usize = one(args, "--count")?.parse().map_err(|_| "--count takes a number".to_string())?;
            let seed = values(args, "--seed").last().and_then(|s| s.parse().ok()).unwrap_or(20_261_127);
            let out = PathBuf::from(one(args, "--out")?);
            generate::generate(&out, count, seed).map_err(|e| format!("{}: {e}", out.display()))?;
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
            let report =
                portal_build::search_check::check(std::path::Path::new(one(args, "--tree")?), count as usize, seed)?;
            eprintln!("{}", report.summary);
            Ok(report.lines.join("\n"))
        }
        Some("build") => {
            check_flags(args, BUILD_FLAGS)?;
            let threads = match values(args, "--threads").last() {
                Some(n) => {
                    n.parse().ok().filter(|&n| n > 0).ok_or_else(|| "--threads takes a number above 0".to_string())?
                }
                None => std::thread::available_parallelism().map_or(2, |n| n.get()),
            };
            let (site, site_json) = read_site(one(args, "--site")?)?;
            let mut base_url = one(args, "--base-url")?.to_string();
            if !base_url.ends_with('/') {
                base_url.push('/');
            }
            let category_map = match values(args, "--category-map").last() {
                Some(path) => {
                    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
                    CategoryMap::parse(&text, &site).map_err(|e| format!("{path}: {e}"))?
                }
                None => CategoryMap::default(),
            };
            let options = build::Options {
                category_map,
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
                    Ok(format!(
                        "{} articles, {} files written to {}\nagainst {against}: {} added, {} changed, {} removed (listed in {}.changes.json)",
                        report.articles,
                        report.files,
                        options.out.display(),
                        changes.added.len(),
                        changes.changed.len(),
                        changes.removed.len(),
                        options.out.display()
                    ))
                }
                Err(errors) => {
                    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    Err(format!(
                        "{}\n{} problem(s); {} was left as it was.",
                        list.join("\n"),
                        errors.len(),
                        options.out.display()
                    ))
                }
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

    #[test]
    fn unknown_or_incomplete_flags_are_errors() {
        let error = run(&args("build --site s.json --thread 8 --out o")).unwrap_err();
        assert!(error.starts_with("unknown argument “--thread”"), "{error}");
        assert!(run(&args("generate --count 3 --out")).unwrap_err().starts_with("--out needs a value"));
        assert!(run(&args("build --site s.json --threads 0")).unwrap_err().starts_with("--threads takes a number"));
        assert_eq!(check_flags(&args("build --site s --threads 2"), BUILD_FLAGS), Ok(()));
    }
}
