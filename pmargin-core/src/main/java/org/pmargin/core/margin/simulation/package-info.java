/** Simulation margin: Expected Shortfall over historical, filtered historical or Monte Carlo scenario sets. */
package org.pmargin.core.margin.simulation;
