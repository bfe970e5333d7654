//! `portal-build` command line. See the README section "Large archives".

use portal_build::{build, generate};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  portal-build build --site SITE.json [--feed FEED.json]... [--articles DIR]... [--app DIST] --base-url URL --out DIR [--threads N]
  portal-build generate --count N --out DIR [--seed S]";

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

fn values<'a>(args: &'a [String], flag: &str) -> Vec<&'a str> {
    args.windows(2).filter(|w| w[0] == flag).map(|w| w[1].as_str()).collect()
}

fn one<'a>(args: &'a [String], flag: &str) -> Result<&'a str, String> {
    values(args, flag).last().copied().ok_or_else(|| format!("missing {flag}\n{USAGE}"))
}

fn run(args: &[String]) -> Result<String, String> {
    let threads = values(args, "--threads").last().and_then(|t| t.parse().ok()).unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()));
    match args.first().map(String::as_str) {
        Some("generate") => {
            let count: usize = one(args, "--count")?.parse().map_err(|_| "--count takes a number".to_string())?;
            let seed = values(args, "--seed").last().and_then(|s| s.parse().ok()).unwrap_or(20_261_127);
            let out = PathBuf::from(one(args, "--out")?);
            generate::generate(&out, count, seed).map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(format!("wrote {count} articles and site.json to {}", out.display()))
        }
        Some("build") => {
            let site_path = one(args, "--site")?;
            let site_text = std::fs::read_to_string(site_path).map_err(|e| format!("{site_path}: {e}"))?;
            let site = portal_core::site::SiteConfig::parse(&site_text).map_err(|e| format!("{site_path}: {e}"))?;
            let site_json = serde_json::from_str(&site_text).map_err(|e| format!("{site_path}: {e}"))?;
            let mut base_url = one(args, "--base-url")?.to_string();
            if !base_url.ends_with('/') {
                base_url.push('/');
            }
            let options = build::Options {
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
                Ok(report) => Ok(format!("{} articles, {} files written to {}", report.articles, report.files, options.out.display())),
                Err(errors) => {
                    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
                    Err(format!("{}\n{} problem(s); {} was left as it was.", list.join("\n"), errors.len(), options.out.display()))
                }
            }
        }
        _ => Err(USAGE.to_string()),
    }
}
