//! Every value of tests/refcases/regional/reat_econgeo_reference.json (REAT and EconGeo) and
//! crosscheck_econcomplex.json, reproduced by the core functions to 1e-9 relative.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common_regional;
use agglo::indicators::shift_share::{dunn, esteban_marquillas, gerfin};
use agglo::indicators::*;
use common_regional::*;

#[test]
fn documented_examples() {
    let d = reference();
    let ex = &d["documented_examples"];
    let c = |k: &str| f(&ex[k]["computed"]);
    let lq = location_quotient(1714.0, 79006.0, 879213.0, 15593224.0).unwrap();
    close(lq, c("locq"), 0.0, "locq");
    let sales = [20.0, 50.0, 20.0, 10.0];
    let h = herfindahl(&sales).unwrap();
    close(h.plain, c("herf"), 0.0, "herf");
    close(h.normalised, c("herf_coefnorm"), 0.0, "herf coefnorm");
    close(h.equivalent_number, c("herf_eq"), 0.0, "herf eq");
    let gdp = vecf(&ex["herf_gdp"]["inputs"]["x"]);
    close(
        herfindahl(&gdp).unwrap().plain,
        c("herf_gdp"),
        0.0,
        "herf gdp",
    );
    close(gini(&sales, false).unwrap(), c("gini"), 0.0, "gini");
    close(
        gini(&sales, true).unwrap(),
        c("gini_coefnorm"),
        0.0,
        "gini coefnorm",
    );
    let gw = &ex["gini_weighted"]["inputs"];
    close(
        gini_weighted(&vecf(&gw["x"]), &vecf(&gw["weighting"])).unwrap(),
        c("gini_weighted"),
        0.0,
        "weighted gini",
    );
    close(
        gini_of_lq(
            &[500.0, 500.0, 1000.0, 7000.0, 1000.0],
            &[20000.0, 15000.0, 20000.0, 40000.0, 5000.0],
        )
        .unwrap(),
        c("gini.conc"),
        0.0,
        "gini.conc",
    );
    close(
        gini_of_lq(
            &[700.0, 600.0, 500.0, 10000.0, 40000.0],
            &[30000.0, 15000.0, 10000.0, 60000.0, 50000.0],
        )
        .unwrap(),
        c("gini.spec"),
        0.0,
        "gini.spec",
    );
    for k in ["gini.spec_Freiburg", "gini.spec_Goettingen"] {
        let i = &ex[k]["inputs"];
        close(
            gini_of_lq(&vecf(&i["e_ij"]), &vecf(&i["e_i"])).unwrap(),
            c(k),
            0.0,
            k,
        );
    }
    close(
        krugman_dissimilarity(&[20.0, 10.0, 70.0, 0.0, 0.0], &[0.0, 0.0, 0.0, 60.0, 40.0]).unwrap(),
        c("krugman.spec"),
        0.0,
        "krugman.spec",
    );
    let go = &ex["gini.spec_Goettingen"]["inputs"];
    close(
        krugman_dissimilarity(&vecf(&go["e_ij"]), &vecf(&go["e_i"])).unwrap(),
        c("krugman.spec_Goettingen"),
        0.0,
        "krugman.spec Goettingen",
    );
    let s2 = &ex["krugman.spec2"]["inputs"];
    let group: Vec<Vec<f64>> = ["Norway", "Denmark", "Finland", "Island"]
        .iter()
        .map(|k| vecf(&s2[*k]))
        .collect();
    let gref: Vec<&[f64]> = group.iter().map(Vec::as_slice).collect();
    close(
        krugman_vs_group_mean(&vecf(&s2["Sweden"]), &gref).unwrap(),
        c("krugman.spec2"),
        0.0,
        "krugman.spec2",
    );
    let c2 = &ex["krugman.conc2"]["inputs"];
    let group: Vec<Vec<f64>> = ["Chemie", "Sozialwesen", "Elektronik", "Holz"]
        .iter()
        .map(|k| vecf(&c2[*k]))
        .collect();
    let gref: Vec<&[f64]> = group.iter().map(Vec::as_slice).collect();
    close(
        krugman_vs_group_mean(&vecf(&c2["Bergbau"]), &gref).unwrap(),
        c("krugman.conc2"),
        0.0,
        "krugman.conc2",
    );
    close(
        theil_l(&[10.0, 10.0, 10.0, 20.0, 50.0]).unwrap(),
        c("theil"),
        0.0,
        "theil (= Theil-L)",
    );
    // Ellison-Glaeser (REAT ellison.a)
    let e = &ex["ellison.a"]["inputs"];
    let names = ["Wien", "Linz", "Graz"];
    let regions: Vec<usize> = e["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            names
                .iter()
                .position(|n| *n == r.as_str().unwrap())
                .unwrap()
        })
        .collect();
    let eg = ellison_glaeser(&vecf(&e["e_ik"]), &regions, &vecf(&e["e_j"])).unwrap();
    close(eg.gamma, c("ellison.a"), 0.0, "ellison.a");
    // The printed (rounded) documented values agree too.
    for k in [
        "locq",
        "herf",
        "herf_coefnorm",
        "gini",
        "gini_coefnorm",
        "gini.conc",
        "gini.spec",
        "theil",
        "ellison.a",
    ] {
        let doc = f(&ex[k]["documented"]);
        assert!((c(k) - doc).abs() < 1e-6, "{k}");
    }
}

fn laender(year: &str) -> (Vec<Vec<f64>>, serde_json::Value) {
    let d = reference();
    let y = d["G_regions_emp"][format!("y{year}")].clone();
    (matf(&y["emp"]), y)
}

#[test]
fn laender_region_specialisation() {
    for year in ["2008", "2014"] {
        let (e, y) = laender(year);
        let n_ind = e[0].len();
        let nation: Vec<f64> = (0..n_ind).map(|j| col(&e, j).iter().sum()).collect();
        let lq_ref = matf(&y["LQ_REAT"]);
        let lq_eg = matf(&y["LQ_EconGeo"]);
        for (r, row) in e.iter().enumerate() {
            let tr: f64 = row.iter().sum();
            let tn: f64 = nation.iter().sum();
            for j in 0..n_ind {
                let lq = location_quotient(row[j], tr, nation[j], tn).unwrap();
                close(lq, lq_ref[r][j], 0.0, "LQ REAT");
                close(lq, lq_eg[r][j], 0.0, "LQ EconGeo");
            }
            let k = krugman_dissimilarity(row, &nation).unwrap();
            close(
                k,
                f(&y["krugman_spec_REAT_vs_nation"][r]),
                0.0,
                "krugman.spec",
            );
            close(k, f(&y["Krugman_index_EconGeo"][r]), 0.0, "Krugman_index");
            close(
                hoover(row, &nation).unwrap(),
                f(&y["spec_coeff_EconGeo"][r]),
                0.0,
                "spec_coeff",
            );
            let others: Vec<&[f64]> = e
                .iter()
                .enumerate()
                .filter(|(o, _)| *o != r)
                .map(|(_, v)| v.as_slice())
                .collect();
            close(
                krugman_vs_group_mean(row, &others).unwrap(),
                f(&y["krugman_spec2_REAT_vs_mean_of_other_regions"][r]),
                0.0,
                "krugman.spec2",
            );
            close(
                gini_of_lq(row, &nation).unwrap(),
                f(&y["gini_spec_REAT"][r]),
                0.0,
                "gini.spec",
            );
            let h = herfindahl(row).unwrap();
            close(
                h.plain,
                f(&y["HHI_region_over_industries_REAT"][r]),
                0.0,
                "herf rows",
            );
            close(
                h.plain,
                f(&y["HHI_EconGeo_rows"][r]),
                0.0,
                "Herfindahl rows",
            );
            close_rounded(
                shannon_entropy(row).unwrap(),
                f(&y["entropy_EconGeo_rows_log2_rounded3"][r]),
                3,
                "entropy",
            );
        }
        // crosscheck: econcomplex's normalised Herfindahl (H - 1/C)/(1 - 1/C)
        let cc = crosscheck();
        let hn = vecf(&cc[format!("y{year}")]["HHI normalised (H-1/C)/(1-1/C): econcomplex herfindahl(rows) (default normalize=True)"]);
        for (r, row) in e.iter().enumerate() {
            close(
                herfindahl(row).unwrap().normalised,
                hn[r],
                0.0,
                "normalised HHI",
            );
        }
    }
}

#[test]
fn laender_industry_concentration() {
    for year in ["2008", "2014"] {
        let (e, y) = laender(year);
        let totals = row_sums(&e);
        let ones = vec![1.0; totals.len()];
        for j in 0..e[0].len() {
            let x = col(&e, j);
            let k = krugman_dissimilarity(&x, &totals).unwrap();
            close(k, f(&y["krugman_conc_REAT"][j]), 0.0, "krugman.conc");
            let h = hoover(&x, &totals).unwrap();
            close(
                h,
                f(&y["hoover_REAT_vs_regional_total"][j]),
                0.0,
                "hoover vs total",
            );
            close_rounded(
                100.0 * h,
                f(&y["Hoover_index_EconGeo_pct_rounded2_vs_regional_total"][j]),
                2,
                "Hoover_index",
            );
            close(
                hoover(&x, &ones).unwrap(),
                f(&y["hoover_REAT_uniform_ref"][j]),
                0.0,
                "hoover uniform",
            );
            close(
                gini_of_lq(&x, &totals).unwrap(),
                f(&y["gini_conc_REAT"][j]),
                0.0,
                "gini.conc",
            );
            close(
                gini(&x, false).unwrap(),
                f(&y["gini_REAT_plain_over_regions"][j]),
                0.0,
                "gini",
            );
            close(
                gini(&x, true).unwrap(),
                f(&y["gini_REAT_plain_over_regions_coefnorm"][j]),
                0.0,
                "gini coefnorm",
            );
            close_rounded(
                gini(&x, false).unwrap(),
                f(&y["Gini_EconGeo_rounded3"][j]),
                3,
                "EconGeo Gini",
            );
            close(
                herfindahl(&x).unwrap().plain,
                f(&y["HHI_industry_over_regions_REAT"][j]),
                0.0,
                "herf",
            );
            let lg = locational_gini(&x, &totals).unwrap();
            close(
                lg,
                f(&y["locational_Gini_EconGeo"][j]),
                0.0,
                "locational Gini",
            );
            close_rounded(
                2.0 * lg,
                f(&y["Hoover_Gini_EconGeo_rounded3_vs_regional_total"][j]),
                3,
                "Hoover_Gini",
            );
            close(
                theil_l(&x).unwrap(),
                f(&y["theil_REAT_over_regions"][j]),
                0.0,
                "theil = Theil-L",
            );
        }
    }
}

#[test]
fn laender_shift_share_all_methods() {
    let d = reference();
    let (e0, _) = laender("2008");
    let (e1, _) = laender("2014");
    let n_ind = e0[0].len();
    let n0: Vec<f64> = (0..n_ind).map(|j| col(&e0, j).iter().sum()).collect();
    let n1: Vec<f64> = (0..n_ind).map(|j| col(&e1, j).iter().sum()).collect();
    let ss = &d["G_regions_emp"]["shift_share_2008_2014"];
    for (r, name) in d["G_regions_emp"]["regions"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let name = name.as_str().unwrap();
        let (dt, per) = dunn(&e0[r], &e1[r], &n0, &n1).unwrap();
        let x = &ss["Dunn"][name];
        let scale = f(&x["Growth (t1-t)"]).abs() + f(&x["National share"]).abs();
        close(dt.change, f(&x["Growth (t1-t)"]), scale, "change");
        close(
            dt.national_share,
            f(&x["National share"]),
            scale,
            "national share",
        );
        close(
            dt.industry_mix,
            f(&x["Industrial mix"]),
            scale,
            "industry mix",
        );
        close(
            dt.regional_share,
            f(&x["Regional share"]),
            scale,
            "regional share",
        );
        close(dt.net_shift, f(&x["Net total shift"]), scale, "net shift");
        let s: f64 = per.iter().map(|p| p.regional_share).sum();
        close(
            s,
            dt.regional_share,
            scale,
            "per-industry regional shares sum",
        );
        let (et, _) = esteban_marquillas(&e0[r], &e1[r], &n0, &n1).unwrap();
        let x = &ss["Esteban"][name];
        close(
            et.national_share,
            f(&x["National share"]),
            scale,
            "EM national share",
        );
        close(et.industry_mix, f(&x["Industrial mix"]), scale, "EM mix");
        close(
            et.competitive,
            f(&x["Regional share"]),
            scale,
            "EM competitive",
        );
        close(
            et.allocation,
            f(&x["Allocation effect"]),
            scale,
            "EM allocation",
        );
        let g = gerfin(&e0[r], &e1[r], &n0, &n1).unwrap();
        let x = &ss["Gerfin"][name];
        close(g.industry_mix, f(&x["Industrial mix"]), 0.0, "Gerfin mix");
        close(
            g.regional_share,
            f(&x["Regional share"]),
            0.0,
            "Gerfin regional",
        );
        close(g.net_shift, f(&x["Net total shift"]), 0.0, "Gerfin net");
    }
}

#[test]
fn freiburg_and_textbook_shift_share() {
    let d = reference();
    let fr = &d["Freiburg_shift"];
    let get = |k: &str| -> Vec<f64> {
        fr["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| f(&r[k]))
            .collect()
    };
    let (r0, r1, n0, n1) = (
        get("e_Freiburg2008"),
        get("e_Freiburg2014"),
        get("e_Germany2008"),
        get("e_Germany2014"),
    );
    let (dt, _) = dunn(&r0, &r1, &n0, &n1).unwrap();
    let x = &fr["Dunn"];
    let scale = f(&x["Growth (t1-t)"]);
    close(dt.change, f(&x["Growth (t1-t)"]), scale, "change");
    close(dt.national_share, f(&x["National share"]), scale, "ns");
    close(dt.industry_mix, f(&x["Industrial mix"]), scale, "mix");
    close(dt.regional_share, f(&x["Regional share"]), scale, "reg");
    close(dt.net_shift, f(&x["Net total shift"]), scale, "net");
    let (et, _) = esteban_marquillas(&r0, &r1, &n0, &n1).unwrap();
    close(
        et.competitive,
        f(&fr["Esteban"]["Regional share"]),
        scale,
        "competitive",
    );
    close(
        et.allocation,
        f(&fr["Esteban"]["Allocation effect"]),
        scale,
        "allocation",
    );
    let g = gerfin(&r0, &r1, &n0, &n1).unwrap();
    close(
        g.industry_mix,
        f(&fr["Gerfin"]["Industrial mix"]),
        0.0,
        "gerfin mix",
    );
    close(
        g.regional_share,
        f(&fr["Gerfin"]["Regional share"]),
        0.0,
        "gerfin reg",
    );
    close(
        g.net_shift,
        f(&fr["Gerfin"]["Net total shift"]),
        0.0,
        "gerfin net",
    );
    for (name, t) in fr["textbook_FK_regions"].as_object().unwrap() {
        let (dt, _) = dunn(
            &vecf(&t["e_ij_t"]),
            &vecf(&t["e_ij_t1"]),
            &vecf(&t["e_i_t"]),
            &vecf(&t["e_i_t1"]),
        )
        .unwrap();
        let x = &t["Dunn"];
        let scale = f(&x["National share"]).abs() + f(&x["Growth (t1-t)"]).abs();
        close(dt.change, f(&x["Growth (t1-t)"]), scale, name);
        close(dt.national_share, f(&x["National share"]), scale, name);
        close(dt.industry_mix, f(&x["Industrial mix"]), scale, name);
        close(dt.regional_share, f(&x["Regional share"]), scale, name);
        close(dt.net_shift, f(&x["Net total shift"]), scale, name);
    }
}

#[test]
fn fk2014_ellison_glaeser() {
    let d = reference();
    let fk = &d["FK2014_EGC"];
    let regions: Vec<i64> = fk["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    let e_j = vecf(&fk["e_j"]);
    for ind in [
        "Clothing trade",
        "Forestry",
        "Textiles dyeing",
        "Textiles trade",
    ] {
        let rows: Vec<&serde_json::Value> = fk["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["industry"] == ind)
            .collect();
        let sizes: Vec<f64> = rows.iter().map(|r| f(&r["emp_firm"])).collect();
        let reg: Vec<usize> = rows
            .iter()
            .map(|r| {
                regions
                    .iter()
                    .position(|x| *x == r["region"].as_i64().unwrap())
                    .unwrap()
            })
            .collect();
        let eg = ellison_glaeser(&sizes, &reg, &e_j).unwrap();
        let x = &fk[format!("ellison.a|{ind}")];
        close(eg.gamma, f(&x["Gamma i"]), 0.0, "gamma");
        close(eg.g, f(&x["G i"]), 0.0, "G");
        close(eg.h, f(&x["HHI i"]), 0.0, "H");
        close(eg.z_g, f(&x["z Gi"]), 0.0, "z of G");
        assert_eq!(eg.n_establishments, f(&x["K i"]));
    }
    // The same data as establishment counts by size class (each plant its own class) agree.
    let rows: Vec<&serde_json::Value> = fk["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["industry"] == "Forestry")
        .collect();
    let sizes: Vec<f64> = rows.iter().map(|r| f(&r["emp_firm"])).collect();
    let counts: Vec<Vec<f64>> = regions
        .iter()
        .map(|rg| {
            rows.iter()
                .map(|r| {
                    if r["region"].as_i64().unwrap() == *rg {
                        1.0
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect();
    let eg = ellison_glaeser_size_classes(&counts, &sizes, &e_j, None).unwrap();
    close(
        eg.gamma,
        f(&fk["ellison.a|Forestry"]["Gamma i"]),
        0.0,
        "size classes",
    );
}

#[test]
fn laender_industries_2015_locq2() {
    // REAT's locq2 on G.regions.industries: LQ of every industry × region (2015).
    let d = reference();
    let g = &d["G_regions_industries_2015"];
    let inds: Vec<String> = g["LQ_locq2"]["rows_industry"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let regs: Vec<String> = g["LQ_locq2"]["cols_region"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    let mut p = agglo::panel::Panel::new(
        regs.clone(),
        vec![],
        inds.clone(),
        vec![],
        vec![2015],
        vec!["employment".into()],
    );
    for rec in g["data"].as_array().unwrap() {
        let r = regs
            .iter()
            .position(|x| *x == rec["region_code"].as_str().unwrap())
            .unwrap();
        let i = inds
            .iter()
            .position(|x| *x == rec["ind_code"].as_str().unwrap())
            .unwrap();
        p.set(0, 0, r, i, f(&rec["emp_all"])).unwrap();
    }
    let reference = agglo::panel::Reference::sum_of_regions(&p, 0, 0);
    let (cells, w) = location_quotients(&p.matrix(0, 0), &reference);
    assert!(w.is_empty());
    let expected = matf(&g["LQ_locq2"]["LQ"]);
    assert_eq!(cells.len(), inds.len() * regs.len());
    for c in &cells {
        close(c.lq, expected[c.industry][c.region], 1e-300, "locq2");
    }
}

#[test]
fn laender_row_sums_are_the_totals_used() {
    // The reference's note: indices use the row sums of the 10 sections, not the published
    // 'Insgesamt' (which includes unallocated employment).
    for year in ["2008", "2014"] {
        let (e, y) = laender(year);
        for (r, s) in row_sums(&e).iter().enumerate() {
            assert_eq!(*s, f(&y["rowsum_by_region"][r]));
            assert!(*s <= f(&y["published_total_Insgesamt_by_region"][r]));
        }
    }
}

#[test]
fn fk2014_coagglomeration_is_plausible_unlike_reat_ellison_c() {
    // REAT's ellison.c gives 12.07 on this data (recorded, not a reference). EGK's index is a
    // covariance of share deviations scaled by 1 - sum x^2: far below 1 in magnitude here.
    let d = reference();
    let fk = &d["FK2014_EGC"];
    let regions: Vec<i64> = fk["regions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect();
    let e_j = vecf(&fk["e_j"]);
    let inds = [
        "Clothing trade",
        "Forestry",
        "Textiles dyeing",
        "Textiles trade",
    ];
    let by_region: Vec<Vec<f64>> = inds
        .iter()
        .map(|ind| {
            regions
                .iter()
                .map(|rg| {
                    fk["data"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|r| r["industry"] == *ind && r["region"].as_i64().unwrap() == *rg)
                        .map(|r| f(&r["emp_firm"]))
                        .sum()
                })
                .collect()
        })
        .collect();
    let reat = f(&fk["gamma_c_all"]);
    for a in 0..4 {
        for b in (a + 1)..4 {
            let g = coagglomeration(&by_region[a], &by_region[b], &e_j).unwrap();
            assert!(
                g.abs() < 1.0 && (g - reat).abs() > 10.0,
                "{} × {}: {g}",
                inds[a],
                inds[b]
            );
        }
        // gamma_c(i, i) = G_i / (1 - sum x^2), with G_i the EG raw concentration above.
        let t: f64 = e_j.iter().sum();
        let sx2: f64 = e_j.iter().map(|v| (v / t).powi(2)).sum();
        let g_i = f(&fk[format!("ellison.a|{}", inds[a])]["G i"]);
        close(
            coagglomeration(&by_region[a], &by_region[a], &e_j).unwrap(),
            g_i / (1.0 - sx2),
            0.0,
            "diagonal",
        );
    }
}
