#!/usr/bin/env python3
"""Check baseline_pandas.py against the plain-Python oracle (shared/reference/analyse_ref.py).

    .venv/bin/python check_baseline.py [--oracle PATH] [--seeds N]

Runs both on testdata/tv1 and tv2 (k = 5, also against their expected-results-k5.json) and on
random bundles: the style of analysis/tests/contract.rs (same xorshift generator, 3 waves,
4 units, two themes, a reversed and a 0-10 item, 1/8 non-response, with or without population)
at k = 5 and 10, plus "rough" bundles (several strata per unit, one-respondent strata, units
missing from a wave, a one-item theme, an item absent from responses, a 1-7 scale). Every bundle
is also run from Parquet. Asserts identical structure, strings, counts and flags, and every number
within 1e-9 (absolute, relative above 1). Exits non-zero on the first mismatch.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "shared"))
ORACLE = os.path.join(SHARED, "reference", "analyse_ref.py")
BASELINE = os.path.join(HERE, "baseline_pandas.py")
TOL = 1e-9
MASK = (1 << 64) - 1


def xorshift(seed):
    state = (seed * 6364136223846793005 + 1442695040888963407) & MASK

    def nxt(n):
        nonlocal state
        state ^= (state << 13) & MASK
        state ^= state >> 7
        state ^= (state << 17) & MASK
        return state % n
    return nxt


def contract_style_bundle(d, seed, with_population):
    """Port of random_bundle() in analysis/tests/contract.rs."""
    nxt = xorshift(seed)
    with open(os.path.join(d, "items.csv"), "w") as f:
        f.write("item,theme,text_nl,scale_min,scale_max,reversed\n"
                "a1,alpha,A een,1,5,false\na2,alpha,A twee,1,5,true\na3,alpha,A drie,1,5,false\n"
                "b1,beta,B een,1,5,false\nb2,beta,B twee,0,10,false\n")
    rows = ["response_id,wave,unit,stratum,age_band,a1,a2,a3,b1,b2"]
    pop = ["wave,stratum,population"]
    rid = 0
    for w in ["2025-H1", "2025-H2", "2026-H1"]:
        for u in ["N", "O", "Z", "W"]:
            n = 1 + nxt(40)
            pop.append(f"{w},{u},{n * (5 + nxt(20))}")
            for _ in range(n):
                rid += 1

                def cell(hi, lo):
                    return "" if nxt(8) == 0 else str(lo + nxt(hi - lo + 1))
                vals = [cell(5, 1), cell(5, 1), cell(5, 1), cell(5, 1), cell(10, 0)]
                rows.append(f"r{rid},{w},{u},{u},x,{','.join(vals)}")
    with open(os.path.join(d, "responses.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    if with_population:
        with open(os.path.join(d, "population.csv"), "w") as f:
            f.write("\n".join(pop) + "\n")


def rough_bundle(d, seed, with_population):
    """Edge cases the contract-style bundles do not reach."""
    nxt = xorshift(1000 + seed)
    with open(os.path.join(d, "items.csv"), "w") as f:
        f.write("item,theme,text_nl,scale_min,scale_max,reversed\n"
                "e1,ethiek,E een,1,5,false\ne2,ethiek,E twee,1,5,TRUE\ne3,ethiek,E drie,1,7,false\n"
                "e4,ethiek,E vier,1,5,false\n"
                "k1,koopkracht,K een,1,5,true\n"
                "g1,geen,G een,1,5,false\ng2,geen,G twee,1,5,false\n")  # g2 not in responses
    units = ["01", "NA", "Oost", "Zuid", "Ëxtra"]
    waves = ["2024-H1", "2024-H2", "2025-H1", "2025-H2"]
    rows = ["response_id,wave,unit,stratum,e1,e2,e3,e4,k1,g1"]
    pop = ["wave,stratum,population"]
    rid = 0
    for w in waves:
        for u in units:
            if nxt(6) == 0:
                continue  # unit absent from this wave
            for s in (["a", "b"] if nxt(2) else ["a"]):
                n = 1 + nxt(3) if nxt(5) == 0 else 1 + nxt(60)
                stratum = f"{u}-{s}"
                pop.append(f"{w},{stratum},{n + nxt(4 * n + 1)}")  # N_h may equal r_h (f = 1)
                miss = 2 + nxt(5)
                for _ in range(n):
                    rid += 1
                    base = nxt(5)

                    def cell(lo, hi):
                        if nxt(miss) == 0:
                            return ""
                        return str(min(hi, max(lo, lo + base + nxt(3) - 1)))
                    vals = [cell(1, 5), cell(1, 5), cell(1, 7), cell(1, 5), cell(1, 5), cell(1, 5)]
                    rows.append(f"{w}-{rid},{w},{u},{stratum},{','.join(vals)}")
    with open(os.path.join(d, "responses.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")
    if with_population:
        with open(os.path.join(d, "population.csv"), "w") as f:
            f.write("\n".join(pop) + "\n")


def to_parquet(src, dst):
    import pandas as pd
    os.makedirs(dst, exist_ok=True)
    for name in ("items", "responses", "population"):
        p = os.path.join(src, name + ".csv")
        if not os.path.exists(p):
            continue
        df = pd.read_csv(p, dtype=str, keep_default_na=False)
        if name == "items":
            df["scale_min"] = df["scale_min"].astype(float)
            df["scale_max"] = df["scale_max"].astype(float)
            df["reversed"] = df["reversed"].str.strip().str.lower() == "true"
        elif name == "population":
            df["population"] = df["population"].astype(float)
        else:
            for c in df.columns[4:]:
                if c != "age_band":
                    df[c] = pd.to_numeric(df[c].replace("", None)).astype("Int16")
        df.to_parquet(os.path.join(dst, name + ".parquet"), index=False)


def run(script, bundle, out, k):
    r = subprocess.run([sys.executable, script, bundle, out, "--min-group", str(k)],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"{os.path.basename(script)} failed on {bundle}:\n{r.stderr}")
    with open(os.path.join(out, "results.json")) as f:
        return json.load(f)


def compare(got, want, where, path="", stats=None):
    def fail(msg):
        raise AssertionError(f"{where}: {path}: {msg}")
    if isinstance(want, dict):
        if not isinstance(got, dict) or list(got) != list(want):
            fail(f"keys {list(got) if isinstance(got, dict) else got} != {list(want)}")
        for key in want:
            compare(got[key], want[key], where, f"{path}.{key}", stats)
    elif isinstance(want, list):
        if not isinstance(got, list) or len(got) != len(want):
            fail(f"length {len(got) if isinstance(got, list) else got} != {len(want)}")
        for i, (g, w) in enumerate(zip(got, want)):
            compare(g, w, where, f"{path}[{i}]", stats)
    elif isinstance(want, float) or (isinstance(got, float) and not isinstance(want, bool)):
        if want is None or got is None or isinstance(got, bool) or isinstance(want, bool):
            fail(f"{got!r} != {want!r}")
        err = abs(got - want)
        if err > TOL * max(1.0, abs(want)):
            fail(f"{got!r} != {want!r} (diff {err:.3g})")
        if stats is not None:
            stats["max_abs"] = max(stats["max_abs"], err)
            stats["numbers"] += 1
    else:
        if type(got) is not type(want) or got != want:
            fail(f"{got!r} != {want!r}")


def check(bundle, k, label, tmp, stats, expected=None):
    want = run(ORACLE, bundle, os.path.join(tmp, "oracle"), k)
    got = run(BASELINE, bundle, os.path.join(tmp, "csv"), k)
    compare(got, want, f"{label} (csv)", stats=stats)
    if expected:
        with open(expected) as f:
            compare(got, json.load(f), f"{label} (expected file)", stats=stats)
    pq = os.path.join(tmp, "pq")
    shutil.rmtree(pq, ignore_errors=True)
    to_parquet(bundle, pq)
    compare(run(BASELINE, pq, os.path.join(tmp, "pqout"), k), want, f"{label} (parquet)", stats=stats)
    supp = sum(e["suppressed"] for e in want["estimates"])
    sig = sum(c["significant"] for c in want["changes"])
    print(f"ok  {label:<28} k={k:<3} estimates={len(want['estimates']):<4} suppressed={supp:<3} "
          f"changes={len(want['changes']):<4} significant={sig}")


def main(argv):
    global ORACLE
    seeds = 5
    if "--oracle" in argv:
        ORACLE = argv[argv.index("--oracle") + 1]
    if "--seeds" in argv:
        seeds = int(argv[argv.index("--seeds") + 1])
    stats = {"max_abs": 0.0, "numbers": 0}
    cases = 0
    with tempfile.TemporaryDirectory(prefix="check_baseline_") as tmp:
        for tv in ("tv1", "tv2"):
            d = os.path.join(SHARED, "testdata", tv)
            check(d, 5, tv, tmp, stats, expected=os.path.join(d, "expected-results-k5.json"))
            check(d, 10, tv, tmp, stats)
            cases += 2
        for seed in range(1, seeds + 1):
            for make, name in ((contract_style_bundle, "contract-style"), (rough_bundle, "rough")):
                b = os.path.join(tmp, f"{name}-{seed}")
                os.makedirs(b)
                make(b, seed, seed % 3 != 0)
                for k in (5, 10):
                    check(b, k, f"{name} seed {seed}{'' if seed % 3 else ' (no pop)'}", tmp, stats)
                    cases += 1
    print(f"PASS: {cases} bundle/k cases, csv and parquet, {stats['numbers']} numbers compared, "
          f"max abs diff {stats['max_abs']:.3g}")


if __name__ == "__main__":
    main(sys.argv)
