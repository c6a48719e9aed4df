/** Scenario sets: risk-factor shocks per scenario (historical, filtered historical, Monte Carlo, stress). */
package org.pmargin.core.scenario;
