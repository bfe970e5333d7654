//! The command line through the binary: --help and --version succeed on
//! stdout, a usage error exits 1 (2 is --strict's refusal) and names the flag.

use std::process::{Command, Output};

fn portal_build(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal-build")).args(args).output().unwrap()
}

#[test]
fn help_and_version_exit_0_and_usage_errors_exit_1() {
    for args in [&["--help"][..], &["build", "--help"], &["serve", "--help"]] {
        let output = portal_build(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        assert!(String::from_utf8_lossy(&output.stdout).contains("Examples:\n  portal-build "), "{args:?}");
    }
    let version = portal_build(&["--version"]);
    assert_eq!((version.status.code(), version.stdout), (Some(0), b"portal-build 0.1.0\n".to_vec()));
    let unknown = portal_build(&["check", "--site", "s.json", "--feed", "f.json", "--thread", "2"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unexpected argument '--thread'"));
    assert_eq!(portal_build(&[]).status.code(), Some(1), "no command: the help, as an error");
}
