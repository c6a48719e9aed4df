/**
 * The sensitivity margin model (ISDA SIMM's structure, calibrated for crypto): delta, vega and curvature
 * sensitivities per risk factor, weighted by risk weights, scaled up for concentrated positions and aggregated with
 * intra- and inter-bucket correlations. {@link org.pmargin.core.margin.sensitivity.SensitivityModel} is the
 * {@link org.pmargin.core.margin.MarginModel}; {@link org.pmargin.core.margin.sensitivity.SensitivityParameters}
 * holds every parameter with sourced defaults.
 */
package org.pmargin.core.margin.sensitivity;
