/**
 * Guards the engine keeps against the systems that feed it. The margin engine sits beside a matching engine but
 * does not trust it blindly: a {@link org.pmargin.engine.guard.PriceBand} around the mark bounds the price at which
 * a fill may be booked, so that a fill at an absurd price (a bug, a fat finger, or two colluding accounts) cannot
 * create equity that then backs new risk.
 */
package org.pmargin.engine.guard;
