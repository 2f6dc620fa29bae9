//! The routes of the router (`server/src/web/mod.rs`), read from its source, so that a test
//! over "every route" fails when a route is added that it does not cover. Shared as a file
//! with the end-to-end tests (`#[path]`).

/// Every path of the router that takes `verb` (`"get"`, `"post"`), in the router's order.
pub fn routes(verb: &str) -> Vec<String> {
    let source = include_str!("../../src/web/mod.rs");
    let call = format!("{verb}(");
    let mut out = Vec::new();
    for part in source.split(".route(").skip(1) {
        let (mut depth, mut end) = (1, part.len());
        for (i, c) in part.char_indices() {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => {}
            }
            if depth == 0 {
                end = i;
                break;
            }
        }
        let args = &part[..end];
        if args.contains(&call) {
            out.push(args.split('"').nth(1).expect("a path").to_string());
        }
    }
    out
}
