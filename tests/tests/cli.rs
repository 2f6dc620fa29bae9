//! The command line speaks one language at a time: Dutch by default, English with `--lang en`
//! or `POLSSLAG_LANG=en`, and a refusal is one clear line with a failing exit status.

use std::process::Command;
use tests::binary;

fn run(args: &[&str], env_lang: Option<&str>) -> (bool, String, String) {
    let dir = std::env::temp_dir().join(format!("polsslag-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = format!("sqlite://{}/cli.db?mode=rwc", dir.display());
    let mut cmd = Command::new(binary());
    cmd.args(args)
        .args(["--database-url", &db])
        .env_remove("POLSSLAG_LANG");
    if let Some(l) = env_lang {
        cmd.env("POLSSLAG_LANG", l);
    }
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_refusal_is_one_line_in_the_chosen_language() {
    let (ok, _, err) = run(&["close-wave", "not-a-wave"], None);
    assert!(!ok);
    assert!(err.contains("Fout: Deze golf bestaat niet"), "{err}");
    assert!(!err.contains("This wave"), "one language at a time: {err}");

    let (ok, _, err) = run(&["--lang", "en", "close-wave", "not-a-wave"], None);
    assert!(!ok);
    assert!(err.contains("Error: This wave does not exist"), "{err}");
    assert!(!err.contains("Deze golf"), "{err}");

    let (ok, _, err) = run(
        &["close-wave", "00000000-0000-4000-8000-000000000000"],
        Some("en"),
    );
    assert!(!ok);
    assert!(
        err.contains("There is no wave with number 00000000-0000-4000-8000-000000000000"),
        "{err}"
    );
}
