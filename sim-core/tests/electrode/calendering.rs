//! Calender: porosity against line load and loading.

use super::*;

#[test]
fn porosity_falls_monotonically_with_line_load_and_never_below_its_minimum() {
    let recipe = batch().recipe;
    let mut last = f64::INFINITY;
    for step in 0..=300 {
        let load = step as f64 * 10.0;
        let nip = nip_porosity(&recipe, recipe.dried_porosity_frac, load, recipe.target_loading_mg_per_cm2);
        let eps = final_porosity(nip, 0.04);
        assert!(eps < last || (step == 0), "load {load}: {eps} !< {last}");
        assert!(nip >= recipe.min_porosity_frac && eps >= recipe.min_porosity_frac);
        last = eps;
    }
    // Through the station: rolls calendered harder come out less porous, never below eps_min.
    let mut porosities = Vec::new();
    for load in [200.0, 600.0, 900.0, 1400.0, 2000.0] {
        let mut k = kinds();
        kind!(k, Calender).line_load_n_per_mm = load;
        let (unit, _) = run_through(&mut k[..4], &[], 2);
        let Payload::Roll(roll) = unit.payload else { panic!() };
        let eps = roll.segments.iter().map(|s| s.porosity_frac).sum::<f64>() / roll.segments.len() as f64;
        assert!(roll.segments.iter().all(|s| s.porosity_frac >= roll.recipe.min_porosity_frac));
        porosities.push(eps);
    }
    assert!(porosities.windows(2).all(|w| w[1] < w[0]), "{porosities:?}");
}

/// Meyer et al. (2017): the compaction resistance grows with areal loading, so at the same
/// line load a heavier coating stays more porous, and one at the target loading keeps the
/// recipe's calibration.
#[test]
fn porosity_at_the_same_line_load_rises_with_loading() {
    let recipe = batch().recipe;
    let eps_0 = recipe.dried_porosity_frac;
    let at = |loading: f64| final_porosity(nip_porosity(&recipe, eps_0, 900.0, loading), 0.04);
    let (light, target, heavy) = (at(18.0), at(recipe.target_loading_mg_per_cm2), at(32.0));
    assert!(light < target && target < heavy, "{light} {target} {heavy}");
    assert!(heavy - light > 0.02, "loading barely matters: {light} vs {heavy}");
    // Through the station: the same line load on a heavier coating leaves more porosity.
    let mut porosities = Vec::new();
    for flow_factor in [0.8, 1.2] {
        let mut k = kinds();
        kind!(k, Coater).pump_flow_l_per_min *= flow_factor;
        let (unit, _) = run_through(&mut k[..4], &[], 2);
        let Payload::Roll(roll) = unit.payload else { panic!() };
        porosities.push(roll.segments.iter().map(|s| s.porosity_frac).sum::<f64>() / roll.segments.len() as f64);
    }
    assert!(porosities[1] > porosities[0] + 0.01, "{porosities:?}");
}
