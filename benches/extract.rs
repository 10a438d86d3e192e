//! Throughput of each stage over realistic text: a sentence, a paragraph, a
//! ~10 KB article, and a ~1 MB batch of articles (each read on its own, as
//! `extract --jsonl` reads a batch). Reports MB/s (criterion's
//! throughput); articles/s is MB/s divided by the article size.
//!
//! Text: the dev corpus beside the repository (`../shared/corpus/dev`) when
//! it is there, else the example article.
//!
//! Run: `cargo bench --bench extract`

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use hoidam::{normalize, Extractor, ExtractorBuilder};
use std::path::Path;

/// The corpus's articles, in file order.
fn articles() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/dev");
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> =
            rd.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|x| x == "txt")).collect();
        files.sort();
        out = files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect();
    }
    if out.is_empty() {
        out.push(
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/article.txt")).unwrap(),
        );
    }
    out
}

/// (name, texts): one text each for the sentence, paragraph and article;
/// the batch is the articles repeated to ~1 MB, read one by one.
fn texts() -> Vec<(&'static str, Vec<String>)> {
    let articles = articles();
    let corpus = articles.join("\n");
    let sentence = corpus.lines().find(|l| l.len() > 150).unwrap_or(&corpus).to_string();
    let paragraph: String = corpus.lines().filter(|l| l.len() > 150).take(4).collect::<Vec<_>>().join("\n");
    let article = cut(&corpus, 10_000);
    let mut batch = Vec::new();
    while batch.iter().map(String::len).sum::<usize>() < 1_000_000 {
        batch.extend(articles.iter().cloned());
    }
    vec![("sentence", vec![sentence]), ("paragraph", vec![paragraph]), ("article", vec![article]), ("batch", batch)]
}

fn bytes(texts: &[String]) -> u64 {
    texts.iter().map(|t| t.len() as u64).sum()
}

fn cut(s: &str, n: usize) -> String {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_string()
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let x = Extractor::new();
    // Check the answers once, outside the timed loops.
    let article = &texts[2].1[0];
    let doc = x.extract(article);
    assert!(doc.mentions.len() > 20, "the article yields mentions");
    assert!(x.count_matches(&normalize(article)) > 20);
    assert!(texts[3].1.iter().map(|t| x.extract(t).events.len()).sum::<usize>() > 50, "the batch yields events");

    c.bench_function("build/default", |b| b.iter(|| ExtractorBuilder::new().build().unwrap()));

    let mut g = c.benchmark_group("normalize");
    for (name, texts) in &texts {
        g.throughput(Throughput::Bytes(bytes(texts)));
        if *name == "batch" {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(name), texts, |b, ts| {
            b.iter(|| ts.iter().map(|t| normalize(black_box(t)).as_str().len()).sum::<usize>())
        });
    }
    g.finish();

    // The automaton's matches over already-normalised text: the floor.
    let mut g = c.benchmark_group("scan");
    for (name, texts) in &texts {
        let ns: Vec<_> = texts.iter().map(|t| normalize(t)).collect();
        g.throughput(Throughput::Bytes(bytes(texts)));
        if *name == "batch" {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(name), &ns, |b, ns| {
            b.iter(|| ns.iter().map(|n| x.count_matches(black_box(n))).sum::<usize>())
        });
    }
    g.finish();

    let mut g = c.benchmark_group("extract");
    for (name, texts) in &texts {
        g.throughput(Throughput::Bytes(bytes(texts)));
        if *name == "batch" {
            g.sample_size(10);
        }
        g.bench_with_input(BenchmarkId::from_parameter(name), texts, |b, ts| {
            b.iter(|| ts.iter().map(|t| x.extract(black_box(t)).mentions.len()).sum::<usize>())
        });
    }
    g.finish();
}

/// Cost per byte for 1×, 10× and 100× the same article, and for hostile text:
/// 10,000 titles in a row, a trigger word repeated 100,000 times, one 5 MB
/// line, 5,000 meetings with counterparts, 50,000 dates. Each should stay near
/// the 1× figure (criterion's MiB/s).
fn scaling(c: &mut Criterion) {
    let texts = texts();
    let article = &texts[2].1[0];
    let x = Extractor::new();
    let mut cases: Vec<(String, String)> =
        [1, 10, 100].iter().map(|&n| (format!("article_x{n}"), article.repeat(n))).collect();
    cases.push(("titles_10000".into(), "Thứ trưởng Bộ Quốc phòng Hàn Quốc, ".repeat(10_000)));
    cases.push(("trigger_100000".into(), "gặp ".repeat(100_000)));
    // Event-heavy: a meeting per sentence, with counterparts to resolve
    // and verbs after a subject.
    cases.push((
        "meetings_5000".into(),
        "Bộ trưởng Quốc phòng Việt Nam Nguyễn Văn An hội đàm với người đồng cấp Lào. \
         Sau đó, ông Nguyễn Văn An tiếp Đại sứ Nhật Bản Tanaka Ken và thăm Học viện Quốc phòng. "
            .repeat(5_000),
    ));
    // Dates on one line, each checked for overlap and for a header's.
    cases.push(("dates_50000".into(), "ngày 4/9/2019, ".repeat(50_000)));
    let line: String = article.replace('\n', " ");
    let mut long = String::new();
    while long.len() < 5_000_000 {
        long.push_str(&line);
        long.push(' ');
    }
    cases.push(("one_5mb_line".into(), long));
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for (name, text) in &cases {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| b.iter(|| x.extract(black_box(t))));
    }
    g.finish();
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);
