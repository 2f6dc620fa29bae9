#!/usr/bin/env python3
"""Speed baseline: the analysis contract of DESIGN.md / methodology.md in vectorised pandas/numpy.

    python baseline_pandas.py BUNDLE_DIR OUT_DIR [--min-group K]

Same figures and the same results.json structure as shared/reference/analyse_ref.py (the oracle):
items rescaled to 1-5 after reversal, design weights N_h/r_h, respondent theme scores with the
ceil(K/2) rule, favourability, weighted domain means for "all" and each "unit=...", stratified
linearised SE with fpc (svyby domain convention), 95% CI, Kish n_eff, Cronbach's alpha ("all"),
tree suppression at k, and changes between consecutive waves with z, p, BH q and the
significance rule.

Reads items/responses/population from BUNDLE_DIR as Parquet when `<name>.parquet` exists, else as
CSV. Prints one JSON line: seconds_total, seconds_compute (everything after reading), peak_rss_mib.
"""
import json
import math
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

Z975 = 1.959963984540054
KEYS = ["wave", "unit", "stratum"]


# ----------------------------------------------------------------------------------------- input

def _path(bundle, name):
    pq = os.path.join(bundle, name + ".parquet")
    if os.path.exists(pq):
        return pq, "parquet"
    csv = os.path.join(bundle, name + ".csv")
    if os.path.exists(csv):
        return csv, "csv"
    return None, None


def read_items(bundle):
    path, kind = _path(bundle, "items")
    if kind == "parquet":
        items = pd.read_parquet(path)
    else:
        items = pd.read_csv(path, dtype=str, keep_default_na=False)
    items = items.copy()
    items["item"] = items["item"].astype(str)
    items["theme"] = items["theme"].astype(str)
    items["scale_min"] = items["scale_min"].astype("float64")
    items["scale_max"] = items["scale_max"].astype("float64")
    rev = items["reversed"]
    if rev.dtype == bool:
        items["reversed"] = rev
    else:
        items["reversed"] = rev.astype(str).str.strip().str.lower() == "true"
    return items[["item", "theme", "scale_min", "scale_max", "reversed"]]


def read_responses(bundle, item_names):
    path, kind = _path(bundle, "responses")
    if kind == "parquet":
        import pyarrow.parquet as pq
        present = set(pq.read_schema(path).names)
        cols = KEYS + [c for c in dict.fromkeys(item_names) if c in present]
        resp = pd.read_parquet(path, columns=cols)
        for c in KEYS:
            resp[c] = resp[c].astype(str).astype("category")
        for c in cols[len(KEYS):]:
            resp[c] = resp[c].astype("float64")
        return resp
    header = pd.read_csv(path, nrows=0).columns
    item_cols = [c for c in dict.fromkeys(item_names) if c in header]
    dtype = {c: str for c in KEYS}
    dtype.update({c: "float64" for c in item_cols})
    resp = pd.read_csv(path, usecols=KEYS + item_cols, dtype=dtype, keep_default_na=False,
                       na_values={c: [""] for c in item_cols})
    for c in KEYS:
        resp[c] = resp[c].astype("category")
    return resp


def read_population(bundle):
    path, kind = _path(bundle, "population")
    if kind is None:
        return None
    if kind == "parquet":
        pop = pd.read_parquet(path)
    else:
        pop = pd.read_csv(path, dtype={"wave": str, "stratum": str}, keep_default_na=False)
    pop = pop[["wave", "stratum", "population"]].copy()
    pop["wave"] = pop["wave"].astype(str)
    pop["stratum"] = pop["stratum"].astype(str)
    pop["population"] = pop["population"].astype("float64")
    return pop


def load(bundle):
    items = read_items(bundle)
    resp = read_responses(bundle, items["item"].tolist())
    pop = read_population(bundle)
    return items, resp, pop


# --------------------------------------------------------------------------------------- compute

def design(resp, pop):
    """Per respondent: stratum code (wave x stratum), weight, r_h and the fpc fraction r_h/N_h."""
    strat = resp.groupby(["wave", "stratum"], observed=True, sort=False).ngroup().to_numpy()
    r_h = np.bincount(strat)[strat].astype("float64")
    if pop is None:
        w = np.ones(len(resp))
        f_h = np.zeros(len(resp))
    else:
        keys = pd.DataFrame({"wave": resp["wave"].astype(str), "stratum": resp["stratum"].astype(str)})
        N_h = keys.merge(pop, on=["wave", "stratum"], how="left")["population"].to_numpy()
        if np.isnan(N_h).any():
            raise SystemExit("population.csv lacks a (wave, stratum) present in responses")
        w = N_h / r_h
        f_h = r_h / N_h
    return strat, w, r_h, f_h


def theme_scores(resp, its):
    """Rescaled item values (n x K), respondent T_i (0-100) and F_i (% favourable), NaN if undefined."""
    n = len(resp)
    need = math.ceil(len(its) / 2)
    total = np.zeros(n)
    count = np.zeros(n)
    fav = np.zeros(n)
    vals = np.empty((n, len(its)))
    for j, it in enumerate(its.itertuples(index=False)):
        lo, hi = it.scale_min, it.scale_max
        x = resp[it.item].to_numpy("float64") if it.item in resp.columns else np.full(n, np.nan)
        if it.reversed:
            x = lo + hi - x
        v = 1 + 4 * (x - lo) / (hi - lo)
        ok = ~np.isnan(v)
        vals[:, j] = v
        total += np.where(ok, v, 0.0)
        count += ok
        fav += ok & (v >= 4 - 1e-9)
    defined = count >= need
    with np.errstate(invalid="ignore", divide="ignore"):
        t = np.where(defined, 25 * (total / count - 1), np.nan)
        f = np.where(defined, 100 * fav / count, np.nan)
    return vals, t, f


def domain_estimates(d, by):
    """Weighted domain means and stratified linearised SE for the domains `by` (within a wave).

    d: valid respondents only (columns wave, unit, strat, r_h, f_h, w, t, f). Respondents of the
    wave outside the domain have z = 0; they only enter through r_h (stratum size) and z-bar_h.
    """
    d = d.assign(wt=d.w * d.t, wf=d.w * d.f, w2=d.w ** 2)
    g = d.groupby(by, observed=True, sort=False)
    agg = g.agg(n=("w", "size"), W=("w", "sum"), swt=("wt", "sum"), swf=("wf", "sum"), sw2=("w2", "sum"))
    agg["est"] = agg.swt / agg.W
    agg["pct_favourable"] = agg.swf / agg.W
    agg["n_eff"] = agg.W ** 2 / agg.sw2
    gid = g.ngroup().to_numpy()  # row -> domain, in the order of agg
    W = agg.W.to_numpy()[gid]
    z = d.w.to_numpy() * (d.t.to_numpy() - agg.est.to_numpy()[gid]) / W
    # per (domain, stratum): zbar_h = sum(z)/r_h over the whole stratum (zeros included);
    # sum over the stratum of (z - zbar_h)^2 = sum over domain members + (r_h - m) * zbar_h^2
    keys = by + ["strat"]
    dz = d[keys + ["r_h", "f_h"]].assign(z=z)
    zbar = dz.groupby(keys, observed=True, sort=False).z.transform("sum") / dz.r_h
    dz["dev2"] = (dz.z - zbar) ** 2
    hs = dz.groupby(keys, observed=True, sort=False).agg(
        m=("z", "size"), sz=("z", "sum"), dev2=("dev2", "sum"), r_h=("r_h", "first"), f_h=("f_h", "first"))
    zb = hs.sz / hs.r_h
    ss = hs.dev2 + (hs.r_h - hs.m) * zb ** 2
    contrib = np.where(hs.r_h >= 2, (1 - hs.f_h) * hs.r_h / (hs.r_h - 1) * ss, 0.0)
    V = pd.Series(contrib, index=hs.index).groupby(level=by, observed=True, sort=False).sum()
    agg["se"] = np.sqrt(V.reindex(agg.index).to_numpy())
    return agg.reset_index()


def cronbach_by_wave(vals, wave, complete):
    k = vals.shape[1]
    out = {}
    if k < 2:
        return out
    cols = [f"i{j}" for j in range(k)]
    df = pd.DataFrame(vals[complete], columns=cols)
    total = np.zeros(int(complete.sum()))
    for j in range(k):  # left-to-right, like sum() over the items
        total = total + vals[complete, j]
    df["total"] = total
    df["wave"] = wave[complete]
    g = df.groupby("wave", observed=True)
    var = g.var(ddof=1)
    size = g.size()
    for wv, row in var.iterrows():
        if size[wv] < 2:
            continue
        tv = row["total"]
        if tv == 0:
            continue
        out[wv] = k / (k - 1) * (1 - row[cols].sum() / tv)
    return out


def tree_suppress(children, n_parent, k):
    R = n_parent - sum(children.values())
    S = {c for c, n in children.items() if 0 < n < k}
    while True:
        H = R + sum(children[c] for c in S)
        if not (0 < H < k):
            return S
        cand = sorted((n, c) for c, n in children.items() if c not in S and n > 0)
        if not cand:
            return None
        S.add(cand[0][1])


def bh(p):
    p = np.asarray(p, dtype="float64")
    m = len(p)
    order = np.argsort(p, kind="stable")
    adj = np.minimum(1.0, m * p[order] / np.arange(1, m + 1))
    adj = np.minimum.accumulate(adj[::-1])[::-1]
    q = np.empty(m)
    q[order] = adj
    return q


def analyse(items, resp, pop, k):
    strat, w, r_h, f_h = design(resp, pop)
    # categorical keys with sorted categories: cheap groupbys, and waves sort by their label
    wave_c = resp["wave"].cat.set_categories(sorted(str(c) for c in resp["wave"].cat.categories))
    unit_c = resp["unit"].cat.set_categories(sorted(str(c) for c in resp["unit"].cat.categories))
    wave_c = wave_c.cat.remove_unused_categories()
    unit_c = unit_c.cat.remove_unused_categories()
    waves = list(wave_c.cat.categories)
    units = list(unit_c.cat.categories)
    frames = []
    for theme in sorted(items["theme"].unique()):
        its = items[items["theme"] == theme]
        vals, t, f = theme_scores(resp, its)
        ok = ~np.isnan(t)
        d = pd.DataFrame({"wave": wave_c.array[ok], "unit": unit_c.array[ok], "strat": strat[ok],
                          "r_h": r_h[ok], "f_h": f_h[ok], "w": w[ok], "t": t[ok], "f": f[ok]})
        all_ = domain_estimates(d, ["wave"])
        all_["group"] = "all"
        alpha = cronbach_by_wave(vals, wave_c.array, ~np.isnan(vals).any(axis=1))
        all_["alpha"] = all_["wave"].astype(str).map(alpha).astype("float64")
        by_unit = domain_estimates(d, ["wave", "unit"])
        by_unit["group"] = "unit=" + by_unit["unit"].astype(str)
        by_unit["alpha"] = np.nan
        est = pd.concat([all_, by_unit.drop(columns="unit")], ignore_index=True)
        est["theme"] = theme
        frames.append(est)
    est = pd.concat(frames, ignore_index=True)
    est["wave"] = est["wave"].astype(str)
    est["index"] = est["est"]
    est["mean"] = est["est"] / 25 + 1
    est["ci_low"] = est["est"] - Z975 * est["se"]
    est["ci_high"] = est["est"] + Z975 * est["se"]

    # disclosure control per (wave, theme): the organisation is the parent, units the children
    est["suppressed"] = False
    for _, idx in est.groupby(["wave", "theme"], sort=False).groups.items():
        cell = est.loc[idx]
        is_all = cell["group"] == "all"
        n_all = int(cell.loc[is_all, "n"].iloc[0]) if is_all.any() else 0
        children = dict(zip(cell.loc[~is_all, "group"], cell.loc[~is_all, "n"].astype(int)))
        if is_all.any() and n_all < k:
            hide = set(cell["group"])
        else:
            S = tree_suppress(children, n_all, k)
            hide = set(children) | {"all"} if S is None else S
        est.loc[idx[cell["group"].isin(hide).to_numpy()], "suppressed"] = True
    figures = ["mean", "index", "pct_favourable", "se", "ci_low", "ci_high", "n_eff", "alpha"]
    est.loc[est["suppressed"], figures] = np.nan

    # changes between consecutive waves (of the whole file), same theme and group
    est["wave_rank"] = est["wave"].map({wv: i for i, wv in enumerate(waves)})
    est["group_rank"] = (est["group"] != "all").astype(int)
    est = est.sort_values(["wave_rank", "theme", "group_rank", "group"], kind="stable").reset_index(drop=True)
    cur = est[["theme", "group", "group_rank", "wave", "wave_rank", "index", "se", "n_eff", "suppressed"]]
    prev = cur.assign(wave_rank=cur["wave_rank"] + 1)
    ch = prev.merge(cur, on=["theme", "group", "group_rank", "wave_rank"], suffixes=("_1", "_2"))
    ch = ch[~ch["suppressed_1"] & ~ch["suppressed_2"]]
    ch = ch.sort_values(["theme", "group_rank", "group", "wave_rank"], kind="stable").reset_index(drop=True)
    ch = ch.rename(columns={"wave_1": "from_wave", "wave_2": "to_wave"})
    ch["diff"] = ch["index_2"] - ch["index_1"]
    ch["neff"] = np.minimum(ch["n_eff_1"], ch["n_eff_2"])
    se_d = np.sqrt(ch["se_1"].to_numpy() ** 2 + ch["se_2"].to_numpy() ** 2)
    with np.errstate(invalid="ignore", divide="ignore"):
        ch["z"] = np.where(se_d > 0, ch["diff"].to_numpy() / np.where(se_d > 0, se_d, 1.0), 0.0)
    ch["p"] = [math.erfc(abs(zz) / math.sqrt(2)) for zz in ch["z"]]
    ch["q"] = bh(ch["p"]) if len(ch) else []
    ch["significant"] = (ch["q"] <= 0.05) & (ch["neff"] >= 30) & (ch["diff"].abs() >= 3)
    return est, ch


# -------------------------------------------------------------------------------------- output

def _num(x):
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)


def to_json(est, ch):
    cols = ["wave", "theme", "group", "n", "mean", "index", "pct_favourable", "se", "ci_low",
            "ci_high", "n_eff", "alpha", "suppressed"]
    estimates = []
    for r in est[cols].itertuples(index=False):
        estimates.append(dict(wave=r.wave, theme=r.theme, group=r.group, n=int(r.n),
                              mean=_num(r.mean), index=_num(r.index),
                              pct_favourable=_num(r.pct_favourable), se=_num(r.se),
                              ci_low=_num(r.ci_low), ci_high=_num(r.ci_high), n_eff=_num(r.n_eff),
                              alpha=_num(r.alpha), suppressed=bool(r.suppressed)))
    changes = [dict(theme=r.theme, group=r.group, from_wave=r.from_wave, to_wave=r.to_wave,
                    diff=float(r.diff), z=float(r.z), p=float(r.p), q=float(r.q),
                    significant=bool(r.significant))
               for r in ch.itertuples(index=False)]
    return dict(estimates=estimates, changes=changes)


def main(argv):
    t0 = time.perf_counter()
    args = list(argv[1:])
    k = 10
    if "--min-group" in args:
        i = args.index("--min-group")
        k = int(args[i + 1])
        del args[i:i + 2]
    if len(args) != 2:
        raise SystemExit(__doc__)
    bundle, out = args
    items, resp, pop = load(bundle)
    t1 = time.perf_counter()
    est, ch = analyse(items, resp, pop, k)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "results.json"), "w") as fh:
        json.dump(to_json(est, ch), fh, indent=1)
    t2 = time.perf_counter()
    print(json.dumps({"seconds_total": t2 - t0, "seconds_compute": t2 - t1,
                      "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


if __name__ == "__main__":
    main(sys.argv)
