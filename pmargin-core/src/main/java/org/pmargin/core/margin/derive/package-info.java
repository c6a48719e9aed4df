/**
 * The Derive (Lyra v2) PM2 portfolio-margin model (METHODOLOGY §11): its own input ({@link
 * org.pmargin.core.margin.derive.DerivePortfolio}, with forwards, vols, rates and confidences as Derive's feeds give
 * them), its parameters ({@link org.pmargin.core.margin.derive.DeriveParameters}), the rules ({@link
 * org.pmargin.core.margin.derive.DeriveModel}) and an adapter from ordinary accounts.
 */
package org.pmargin.core.margin.derive;
