//! Plan for one situation. Target: under 50 µs.
//! Run: `cargo bench -p permit-core --bench plan`.

use criterion::{criterion_group, criterion_main, Criterion};
use permit_core::{plan, Lang, Options, RuleSet, Situation};
use std::hint::black_box;

const EXAMPLE: &str = include_str!("../../../examples/ar1-researcher-family.json");
const AR9: &str = include_str!("../../../examples/ar9-pay-limit.json");

fn bench(c: &mut Criterion) {
    let rules = RuleSet::embedded();
    let opts = Options {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
        lang: Lang::En,
    };
    let family = Situation::from_json(EXAMPLE, "example").unwrap();
    let ar9 = Situation::from_json(AR9, "example").unwrap();
    c.bench_function("plan: researcher with family (AR1 + FA8)", |b| {
        b.iter(|| plan(black_box(&family), rules, &opts))
    });
    c.bench_function("plan: service provider (AR9)", |b| {
        b.iter(|| plan(black_box(&ar9), rules, &opts))
    });
    c.bench_function("parse + validate + plan (AR1 + FA8)", |b| {
        b.iter(|| {
            let s = Situation::from_json(black_box(EXAMPLE), "example").unwrap();
            plan(&s, rules, &opts)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
