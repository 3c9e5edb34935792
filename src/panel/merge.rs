//! Combining panels: a wide layout arrives as one sheet or file per year, and users add years or
//! regions file by file.

use super::Panel;
use crate::error::{Error, ErrorCode, Location, Result};

impl Panel {
    /// The union of two panels: regions, industries, years and measures are matched by code/name
    /// (first-seen order; years ascending). A cell present in both must have the same value.
    ///
    /// # Errors
    /// `E_DUPLICATE_ROW` when both panels give a different value for the same measure, year, region
    /// and industry (located at that region, industry and year).
    ///
    /// # Complexity
    /// O(cells of both panels).
    ///
    /// # Examples
    /// ```
    /// use agglo::panel::Panel;
    /// let mut a = Panel::new(vec!["R".into()], vec![], vec!["x".into()], vec![], vec![2017], vec!["employment".into()]);
    /// a.set(0, 0, 0, 0, 10.0).unwrap();
    /// let mut b = Panel::new(vec!["R".into()], vec![], vec!["x".into()], vec![], vec![2021], vec!["employment".into()]);
    /// b.set(0, 0, 0, 0, 12.0).unwrap();
    /// let m = a.merge(&b).unwrap();
    /// assert_eq!(m.years, vec![2017, 2021]);
    /// assert_eq!(m.get(0, 1, 0, 0), Some(12.0));
    /// ```
    pub fn merge(&self, other: &Panel) -> Result<Panel> {
        fn union(a: &[String], b: &[String]) -> Vec<String> {
            let mut out = a.to_vec();
            for x in b {
                if !out.contains(x) {
                    out.push(x.clone());
                }
            }
            out
        }
        let regions = union(&self.regions, &other.regions);
        let industries = union(&self.industries, &other.industries);
        let measures = union(&self.measures, &other.measures);
        let mut years: Vec<i32> = self.years.iter().chain(&other.years).copied().collect();
        years.sort_unstable();
        years.dedup();
        let name_of = |codes: &[String],
                       names_a: (&[String], &[String]),
                       names_b: (&[String], &[String])|
         -> Vec<String> {
            codes
                .iter()
                .map(|c| {
                    let from = |(cs, ns): (&[String], &[String])| {
                        cs.iter()
                            .position(|x| x == c)
                            .and_then(|k| ns.get(k))
                            .filter(|n| !n.is_empty())
                            .cloned()
                    };
                    from(names_a).or_else(|| from(names_b)).unwrap_or_default()
                })
                .collect()
        };
        let region_names = name_of(
            &regions,
            (&self.regions, &self.region_names),
            (&other.regions, &other.region_names),
        );
        let industry_names = name_of(
            &industries,
            (&self.industries, &self.industry_names),
            (&other.industries, &other.industry_names),
        );
        let mut out = Panel::new(
            regions,
            region_names,
            industries,
            industry_names,
            years,
            measures,
        );
        for p in [self, other] {
            let mi: Vec<usize> = p
                .measures
                .iter()
                .filter_map(|m| out.measures.iter().position(|x| x == m))
                .collect();
            let yi: Vec<usize> = p
                .years
                .iter()
                .filter_map(|y| out.years.iter().position(|x| x == y))
                .collect();
            let ri: Vec<usize> = p
                .regions
                .iter()
                .filter_map(|r| out.regions.iter().position(|x| x == r))
                .collect();
            let ii: Vec<usize> = p
                .industries
                .iter()
                .filter_map(|i| out.industries.iter().position(|x| x == i))
                .collect();
            for (m, &om) in mi.iter().enumerate() {
                for (y, &oy) in yi.iter().enumerate() {
                    for (r, &or) in ri.iter().enumerate() {
                        let t = p.matrix(m, y).totals.get(r).copied().unwrap_or(f64::NAN);
                        if !t.is_nan() {
                            out.set_region_total(om, oy, or, t)?;
                        }
                        for (i, &oi) in ii.iter().enumerate() {
                            let Some(v) = p.get(m, y, r, i) else { continue };
                            match out.get(om, oy, or, oi) {
                                Some(old) if old != v => {
                                    return Err(Error::new(
                                        ErrorCode::DuplicateRow,
                                        format!(
                                            "two files give different {} values ({old} and {v}) for the same cell",
                                            out.measures.get(om).cloned().unwrap_or_default()
                                        ),
                                    )
                                    .at(Location {
                                        region: out.regions.get(or).cloned(),
                                        industry: out.industries.get(oi).cloned(),
                                        value: Some(out.years.get(oy).map(|y| y.to_string()).unwrap_or_default()),
                                        ..Default::default()
                                    }))
                                }
                                _ => out.set(om, oy, or, oi, v)?,
                            }
                        }
                    }
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(year: i32, v: f64) -> Panel {
        let mut p = Panel::new(
            vec!["A".into(), "B".into()],
            vec!["Alpha".into(), String::new()],
            vec!["x".into()],
            vec![],
            vec![year],
            vec!["employment".into()],
        );
        p.set(0, 0, 0, 0, v).unwrap();
        p
    }

    #[test]
    fn years_are_combined_and_conflicts_located() {
        let m = one(2021, 5.0).merge(&one(2017, 4.0)).unwrap();
        assert_eq!(m.years, vec![2017, 2021]);
        assert_eq!(m.get(0, 0, 0, 0), Some(4.0));
        assert_eq!(m.get(0, 1, 0, 0), Some(5.0));
        assert_eq!(m.region_names[0], "Alpha");
        assert_eq!(m.get(0, 0, 1, 0), None);
        // the same cell, the same value: fine; a different value: located error
        assert!(one(2021, 5.0).merge(&one(2021, 5.0)).is_ok());
        let e = one(2021, 5.0).merge(&one(2021, 6.0)).unwrap_err();
        assert_eq!(e.code_str(), "E_DUPLICATE_ROW");
        assert_eq!(e.location.region.as_deref(), Some("A"));
        assert_eq!(e.location.industry.as_deref(), Some("x"));
    }
}
