/**
 * Adaptive risk parameters (issue 19): volatility forecasts that react to a crash faster than a plain EWMA and calm
 * down after it — GARCH(1,1) and GJR-GARCH(1,1) fitted by maximum likelihood, a HAR model of realised variance from
 * hourly bars — a liquidity-aware margin horizon from observed volume, and the measures they are judged by beside
 * the static parameters (procyclicality). Every forecast is out of sample: made from data before its date only.
 */
package org.pmargin.core.adaptive;
