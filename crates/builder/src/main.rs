//! `portal-build`'s command line: `portal-build --help`, and
//! docs/archives.md for building and publishing.

use clap::{Args, Parser, Subcommand};
use portal_build::changes::Changes;
use portal_build::import::CategoryMap;
use portal_build::progress::Progress;
use portal_build::{build, check, generate, serve};
use portal_core::inspection::Level;
use portal_core::site::SiteConfig;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

const EXAMPLES: &str = "\
Examples:
  portal-build build --site public/site.json --articles content/ --app dist \\
      --base-url https://example.gov.cn/ --out site
  portal-build build … --dry-run         what the build would change, writing nothing
  portal-build check --site public/site.json --feed public/feed.json --html report.html --strict
  portal-build serve site                preview the tree at http://127.0.0.1:8080/
  portal-build generate --count 3000 --out target/archive-src

Exit status: 0 done; 1 an error (the output was left as it was); 2 --strict refused the site.
Docs: docs/archives.md (building, publishing), docs/inspection.md (检查指标), docs/hosting.md.";

const BUILD_EXAMPLES: &str = "\
Examples:
  portal-build build --site public/site.json --articles content/ --feed old-feed.json \\
      --app dist --base-url https://example.gov.cn/ --out site
  portal-build build --site site.json --feed cms-rss.xml --category-map map.json \\
      --app dist --base-url https://example.gov.cn/news/ --out site --quiet --strict=扣分

Beside --out it writes NAME.changes.json (the files to upload and purge) and the
inspection's NAME.check.json and NAME.check.html. A failed build leaves --out as it was.
The last line on stdout is the change count, for scripts.";

const CHECK_EXAMPLES: &str = "\
Examples:
  portal-build check --site public/site.json --feed public/feed.json --app dist --strict
  portal-build check --site site.json --articles content/ --on 2026-11-26 \\
      --json report.json --html report.html --strict=扣分

Exit status 2 when --strict finds 否决 (with =扣分, 否决 or 扣分); docs/inspection.md.";

const SERVE_EXAMPLES: &str = "\
Examples:
  portal-build serve site                the output of portal-build build --out site
  portal-build serve dist --port 8081    the app's release build
Deep links get the pre-rendered page, else the nearest app.html; a missing file with an
extension is a 404; cache headers and gzip as deploy/nginx/*.conf. Ctrl-C stops it.";

/// Builds and checks the portal's static site from a CMS's articles.
#[derive(Parser)]
#[command(name = "portal-build", version, after_help = EXAMPLES, args_override_self = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Builds the site (data, pre-rendered pages, sitemaps, feeds, search) into --out
    #[command(after_help = BUILD_EXAMPLES)]
    Build(BuildArgs),
    /// What the national inspection (检查指标) would find, without building
    #[command(after_help = CHECK_EXAMPLES)]
    Check(CheckArgs),
    /// Writes a synthetic archive of article files and its site.json, for tests and benchmarks
    #[command(after_help = "Example:\n  portal-build generate --count 100000 --out target/bench/src-100k")]
    Generate(GenerateArgs),
    /// Prints the search's Traditional → Simplified table
    #[command(after_help = "Example:\n  portal-build t2s > public/search-t2s.txt")]
    T2s,
    /// Prints the pages' Content-Security-Policy (scripts/post-build.mjs)
    #[command(after_help = "Example:\n  portal-build csp --site public/site.json")]
    Csp(CspArgs),
    /// 站内搜索 on a built tree against a brute-force scan, a JSON line per query (bench/search.sh)
    #[command(after_help = "Example:\n  portal-build search-check --tree site --queries 200 > queries.jsonl")]
    SearchCheck(SearchCheckArgs),
    /// Serves a built tree (or dist/) on 127.0.0.1 as the hosting rules ask, for a preview
    #[command(after_help = SERVE_EXAMPLES)]
    Serve(ServeArgs),
}

/// The articles' files; at least one.
#[derive(Args)]
#[group(required = true, multiple = true)]
struct Sources {
    /// A JSON Feed, or RSS 0.9x/1.0/2.0 or Atom to import (docs/importing.md); repeatable
    #[arg(long = "feed", value_name = "FEED")]
    feeds: Vec<PathBuf>,
    /// A folder of article files (docs/archives.md); repeatable
    #[arg(long = "articles", value_name = "DIR")]
    article_dirs: Vec<PathBuf>,
}

/// What `build` and `check` both read.
#[derive(Args)]
struct Inputs {
    /// The site's configuration (docs/site-config.md)
    #[arg(long, value_name = "SITE.json")]
    site: String,
    #[command(flatten)]
    sources: Sources,
    /// CMS categories to site.json's, for imported RSS and Atom
    #[arg(long, value_name = "MAP.json")]
    category_map: Option<PathBuf>,
    /// The app's release build: copied in, and its app.html is the pages' template
    #[arg(long = "app", value_name = "DIST")]
    app_dir: Option<PathBuf>,
    /// Worker threads [default: the machine's cores]
    #[arg(long, value_name = "N", value_parser = above_zero)]
    threads: Option<usize>,
    /// The inspection's day [default: today in the site's time zone]
    #[arg(long, value_name = "YYYY-MM-DD")]
    on: Option<String>,
    /// Exit status 2 when the inspection finds 否决 (=扣分: 否决 or 扣分)
    #[arg(long, value_name = "LEVEL", num_args = 0..=1, require_equals = true, default_missing_value = "否决", value_parser = strictness)]
    strict: Option<Level>,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The site's canonical root, for canonical URLs, sitemaps and feeds
    #[arg(long, value_name = "URL", value_parser = base_url)]
    base_url: String,
    /// The folder to write; replaced whole once everything is written
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Lists what the build would change, writing nothing to --out or beside it
    #[arg(long)]
    dry_run: bool,
    /// Prints nothing but errors (for cron); the exit status still tells
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: Inputs,
    /// The site's canonical root [default: site.json's base_url]
    #[arg(long, value_name = "URL", value_parser = base_url)]
    base_url: Option<String>,
    /// Writes the report as JSON
    #[arg(long, value_name = "REPORT.json")]
    json: Option<PathBuf>,
    /// Writes the report as a page
    #[arg(long, value_name = "REPORT.html")]
    html: Option<PathBuf>,
}

#[derive(Args)]
struct GenerateArgs {
    /// How many articles
    #[arg(long, value_name = "N")]
    count: usize,
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The same seed writes the same archive
    #[arg(long, value_name = "S", default_value_t = 20_261_127)]
    seed: u64,
    /// Phrases whose grams are apart in many articles and together in a known few (DIR/phrases.txt)
    #[arg(long)]
    adversarial: bool,
}

#[derive(Args)]
struct CspArgs {
    #[arg(long, value_name = "SITE.json")]
    site: String,
}

#[derive(Args)]
struct SearchCheckArgs {
    /// A tree portal-build built
    #[arg(long, value_name = "DIR")]
    tree: PathBuf,
    /// How many queries, drawn from the articles
    #[arg(long, value_name = "N", default_value_t = 200)]
    queries: usize,
    #[arg(long, value_name = "S", default_value_t = 13)]
    seed: u64,
    /// More queries, one a line (e.g. a generated archive's phrases.txt); repeatable
    #[arg(long = "query-file", value_name = "FILE")]
    query_files: Vec<PathBuf>,
}

#[derive(Args)]
struct ServeArgs {
    /// The tree: portal-build's --out, or dist/
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// On 127.0.0.1; 0 takes any free port
    #[arg(long, value_name = "N", default_value_t = 8080)]
    port: u16,
}

/// A command's message for stdout, and whether `--strict` refused the site.
struct Done {
    message: String,
    refused: bool,
}

impl From<String> for Done {
    fn from(message: String) -> Done {
        Done { message, refused: false }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // --help and --version print to stdout and succeed; a usage error
        // exits 1 like any other, since 2 means that --strict refused.
        Err(error) => {
            let _ = error.print();
            return if error.use_stderr() { ExitCode::FAILURE } else { ExitCode::SUCCESS };
        }
    };
    match run(cli.command) {
        Ok(done) => {
            if !done.message.is_empty() {
                println!("{}", done.message);
            }
            if done.refused {
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

fn run(command: Command) -> Result<Done, String> {
    match command {
        Command::Build(args) => run_build(args),
        Command::Check(args) => run_check(args),
        Command::Generate(GenerateArgs { count, out, seed, adversarial }) => {
            let corpus = if adversarial { generate::Corpus::Adversarial } else { generate::Corpus::Plain };
            generate::generate(&out, count, seed, corpus).map_err(|e| format!("{}: {e}", out.display()))?;
            Ok(format!("wrote {count} articles and site.json to {}", out.display()).into())
        }
        Command::T2s => Ok(portal_build::traditional::simplified_pairs().into()),
        Command::Csp(CspArgs { site }) => Ok(read_site(&site)?.0.content_security_policy().into()),
        Command::SearchCheck(SearchCheckArgs { tree, queries, seed, query_files }) => {
            let mut extra = Vec::new();
            for path in query_files {
                let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                extra.extend(text.lines().map(str::to_string));
            }
            let report = portal_build::search_check::check(&tree, queries, seed, &extra)?;
            eprintln!("{}", report.summary);
            Ok(report.lines.join("\n").into())
        }
        Command::Serve(ServeArgs { dir, port }) => {
            let server = serve::Server::bind(&dir, port)?;
            println!("serving {} at {} (Ctrl-C stops)", dir.display(), server.url());
            server.run()?;
            Ok(String::new().into())
        }
    }
}

/// site.json, read and checked, and what is read against it.
struct Site {
    config: SiteConfig,
    /// As written, copied into the output.
    json: Value,
    inspection: check::Settings,
    category_map: CategoryMap,
}

impl Inputs {
    fn read_site(&self) -> Result<Site, String> {
        let (config, json) = read_site(&self.site)?;
        let inspection = check::Settings::read(&self.site, &config, self.on.as_deref())?;
        let category_map = match &self.category_map {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
                CategoryMap::parse(&text, &config).map_err(|e| format!("{}: {e}", path.display()))?
            }
            None => CategoryMap::default(),
        };
        Ok(Site { config, json, inspection, category_map })
    }

    /// `--threads`, else every core.
    fn threads(&self) -> usize {
        self.threads.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
    }

    fn refuses(&self, report: &portal_core::inspection::Report) -> bool {
        self.strict.is_some_and(|level| report.refuses(level))
    }
}

fn run_check(args: CheckArgs) -> Result<Done, String> {
    let inputs = &args.inputs;
    let site = inputs.read_site()?;
    let options = check::Options {
        site: site.config,
        settings: site.inspection,
        category_map: site.category_map,
        feeds: inputs.sources.feeds.clone(),
        article_dirs: inputs.sources.article_dirs.clone(),
        app_dir: inputs.app_dir.clone(),
        base_url: args.base_url,
        json: args.json,
        html: args.html,
        threads: inputs.threads(),
    };
    let report = check::check(&options).map_err(|errors| format!("{}; nothing was checked.", problems(&errors)))?;
    Ok(Done { message: check::summary(&report), refused: inputs.refuses(&report) })
}

fn run_build(args: BuildArgs) -> Result<Done, String> {
    let started = Instant::now();
    let inputs = &args.inputs;
    let site = inputs.read_site()?;
    let options = build::Options {
        site: site.config,
        site_json: site.json,
        inspection: site.inspection,
        category_map: site.category_map,
        feeds: inputs.sources.feeds.clone(),
        article_dirs: inputs.sources.article_dirs.clone(),
        app_dir: inputs.app_dir.clone(),
        base_url: args.base_url,
        out: args.out,
        threads: inputs.threads(),
        progress: Progress::on_stderr(args.quiet),
        dry_run: args.dry_run,
    };
    let out = &options.out;
    let report = build::build(&options)
        .map_err(|errors| format!("{}; {} was left as it was.", problems(&errors), out.display()))?;
    let refused = inputs.refuses(&report.inspection);
    if !args.quiet {
        let summary = build_summary(&report, out, options.dry_run, started.elapsed());
        return Ok(Done { message: summary, refused });
    }
    // For cron: why --strict refused the site is worth an error's line.
    if refused {
        eprintln!("{}", check::summary(&report.inspection));
    }
    Ok(Done { message: String::new(), refused })
}

/// The build's outcome; its last line is the change count (bench/*.sh read it).
fn build_summary(report: &build::Report, out: &Path, dry_run: bool, took: Duration) -> String {
    let (articles, files, took) = (report.articles, report.files, took.as_secs_f64());
    let mut lines = if dry_run {
        vec![format!(
            "dry run: {articles} articles, {files} files built in {took:.1} s; nothing written to {}",
            out.display()
        )]
    } else {
        vec![format!("{articles} articles, {files} files written to {} in {took:.1} s", out.display())]
    };
    lines.push(check::summary(&report.inspection));
    let changes = &report.changes;
    let counts =
        format!("{} added, {} changed, {} removed", changes.added.len(), changes.changed.len(), changes.removed.len());
    if dry_run {
        lines.extend(listed(changes));
        let against = if changes.compared { "the tree it would replace" } else { "nothing (no earlier manifest)" };
        lines.push(format!("against {against}: {counts}"));
    } else {
        lines.push(format!("检查报告：{}.check.html、.check.json", out.display()));
        let against = if changes.compared { "the tree it replaced" } else { "nothing (no earlier manifest)" };
        lines.push(format!("against {against}: {counts} (listed in {}.changes.json)", out.display()));
    }
    lines.join("\n")
}

/// How many paths of each kind a dry run lists.
const LISTED: usize = 20;

/// A dry run's changes: `+` added, `~` changed, `-` removed, the first of each.
fn listed(changes: &Changes) -> Vec<String> {
    let mut lines = Vec::new();
    for (sign, kind, paths) in
        [("+", "added", &changes.added), ("~", "changed", &changes.changed), ("-", "removed", &changes.removed)]
    {
        lines.extend(paths.iter().take(LISTED).map(|path| format!("  {sign} {path}")));
        if paths.len() > LISTED {
            lines.push(format!("  … {} more {kind}", paths.len() - LISTED));
        }
    }
    lines
}

/// The input problems that stopped a command, one a line.
fn problems(errors: &[portal_build::BuildError]) -> String {
    let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
    format!("{}\n{} problem(s)", list.join("\n"), errors.len())
}

/// `site.json` at `path`, checked, and as written.
fn read_site(path: &str) -> Result<(SiteConfig, Value), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let site = SiteConfig::parse(&text).map_err(|e| format!("{path}: {e}"))?;
    let json = serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    Ok((site, json))
}

/// `--base-url` as the trees' canonical root (it goes into their site.json,
/// which the app checks by the same rule), ending in `/`.
fn base_url(url: &str) -> Result<String, String> {
    if !portal_core::site::is_base_url(url) {
        return Err("should look like https://www.example.gov.cn/ (an origin and a plain path)".into());
    }
    Ok(format!("{}/", url.trim_end_matches('/')))
}

/// The heaviest findings `--strict` lets through: none at 否决
/// (`--strict`, `--strict=否决`) or at 扣分 too (`--strict=扣分`).
fn strictness(name: &str) -> Result<Level, String> {
    match Level::from_name(name) {
        Some(level @ (Level::Veto | Level::Deduction)) => Ok(level),
        _ => Err("应为 --strict、--strict=否决 或 --strict=扣分".into()),
    }
}

fn above_zero(text: &str) -> Result<usize, String> {
    text.parse().ok().filter(|&n| n > 0).ok_or_else(|| "takes a number above 0".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::error::ErrorKind;

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("portal-build").chain(line.split_whitespace()))
    }

    /// The error's message, without its colours or usage.
    fn error(line: &str) -> String {
        parse(line).err().map(|e| e.to_string()).unwrap_or_else(|| panic!("{line} parses"))
    }

    fn build_args(line: &str) -> BuildArgs {
        match parse(line).unwrap_or_else(|e| panic!("{line}: {e}")).command {
            Command::Build(args) => args,
            _ => panic!("{line} is a build"),
        }
    }

    const BUILD: &str = "build --site s.json --articles a --base-url https://x.gov.cn/ --out o";

    #[test]
    fn help_and_version_succeed_with_examples() {
        for line in ["--help", "build --help", "check --help", "serve --help", "help build"] {
            let help = parse(line).err().unwrap();
            assert_eq!(help.kind(), ErrorKind::DisplayHelp, "{line}");
            assert_eq!(help.exit_code(), 0, "{line}");
            assert!(!help.use_stderr(), "{line}: on stdout");
            assert!(help.to_string().contains("Examples:\n  portal-build "), "{line}");
        }
        assert!(error("build --help").contains("--dry-run"));
        let version = parse("--version").err().unwrap();
        assert_eq!((version.kind(), version.exit_code()), (ErrorKind::DisplayVersion, 0));
        assert_eq!(version.to_string(), format!("portal-build {}\n", env!("CARGO_PKG_VERSION")));
        assert_eq!(parse("").err().unwrap().kind(), ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand);
    }

    #[test]
    fn errors_name_the_flag() {
        let unknown = error(&format!("{BUILD} --thread 8"));
        assert!(unknown.contains("unexpected argument '--thread'") && unknown.contains("'--threads'"), "{unknown}");
        assert!(error("generate --count 3 --out").contains("a value is required for '--out <DIR>'"));
        assert!(error(&format!("{BUILD} --threads 0")).contains("'--threads <N>': takes a number above 0"));
        assert!(error("generate --count many --out o").contains("'--count <N>'"));
        assert!(error("build --site s.json --articles a --out o").contains("--base-url <URL>"), "required");
        let missing = error("build --site s.json --base-url https://x.gov.cn/ --out o");
        assert!(missing.contains("--feed <FEED>") && missing.contains("--articles <DIR>"), "{missing}");
        let url = error("build --site s --articles a --out o --base-url https://例子.中国/");
        assert!(url.contains("'https://例子.中国/' for '--base-url <URL>': should look like"), "{url}");
        assert!(error("serve").contains("<DIR>"));
        assert!(error("serve dist --port 70000").contains("--port <N>"));
        assert!(error("t2s --site s").contains("unexpected argument '--site'"));
    }

    #[test]
    fn build_and_check_share_their_inputs() {
        let args =
            build_args(&format!("{BUILD} --feed f1.json --feed f2.xml --articles b --threads 3 --on 2026-11-26"));
        assert_eq!(args.inputs.sources.feeds, [PathBuf::from("f1.json"), PathBuf::from("f2.xml")]);
        assert_eq!(args.inputs.sources.article_dirs, [PathBuf::from("a"), PathBuf::from("b")]);
        assert_eq!((args.inputs.threads(), args.inputs.on.as_deref()), (3, Some("2026-11-26")));
        assert_eq!(args.base_url, "https://x.gov.cn/");
        assert!(!args.dry_run && !args.quiet);
        assert!(build_args(&format!("{BUILD} --dry-run -q")).quiet);
        // As before clap: a flag given twice takes its last value.
        assert_eq!(build_args(&format!("{BUILD} --out p")).out, PathBuf::from("p"));
        let Command::Check(check) = parse("check --site s.json --feed f --json r.json").unwrap().command else {
            panic!("a check")
        };
        assert_eq!((check.base_url, check.json), (None, Some(PathBuf::from("r.json"))));
        assert_eq!(base_url("https://x.gov.cn/news").as_deref(), Ok("https://x.gov.cn/news/"));
    }

    #[test]
    fn strict_is_a_switch_with_an_optional_level() {
        let strict = |extra: &str| build_args(&format!("{BUILD} {extra}")).inputs.strict;
        assert_eq!(strict(""), None);
        assert_eq!(strict("--strict"), Some(Level::Veto));
        assert_eq!(strict("--strict=否决"), Some(Level::Veto));
        assert_eq!(strict("--strict --strict=扣分"), Some(Level::Deduction));
        assert!(error(&format!("{BUILD} --strict=提示")).contains("应为 --strict、--strict=否决 或 --strict=扣分"));
        assert!(error(&format!("{BUILD} --stricter")).contains("unexpected argument '--stricter'"));
        assert!(error(&format!("{BUILD} --strict 扣分")).contains("unexpected argument '扣分'"), "a value takes =");
    }

    #[test]
    fn a_dry_run_lists_the_first_changes_and_ends_with_the_count() {
        let changes = Changes {
            added: (0..25).map(|n| format!("article/n{n}/index.html")).collect(),
            changed: vec!["feed.json".into()],
            removed: vec![],
            compared: true,
        };
        let report = build::Report { articles: 25, files: 900, changes, ..Default::default() };
        let summary = build_summary(&report, Path::new("site"), true, Duration::from_millis(2500));
        let lines: Vec<&str> = summary.lines().collect();
        assert_eq!(lines[0], "dry run: 25 articles, 900 files built in 2.5 s; nothing written to site");
        assert!(lines.contains(&"  + article/n19/index.html") && !lines.contains(&"  + article/n20/index.html"));
        assert!(lines.contains(&"  … 5 more added") && lines.contains(&"  ~ feed.json"));
        assert_eq!(lines.last(), Some(&"against the tree it would replace: 25 added, 1 changed, 0 removed"));
        let built = build_summary(&report, Path::new("site"), false, Duration::from_secs(3));
        assert!(built.starts_with("25 articles, 900 files written to site in 3.0 s\n检查指标"), "{built}");
        assert!(built
            .ends_with("\nagainst the tree it replaced: 25 added, 1 changed, 0 removed (listed in site.changes.json)"));
    }
}
