/**
 * Margin models and their common answer: {@link org.pmargin.core.margin.MarginModel} returns a
 * {@link org.pmargin.core.margin.MarginResult} with per-pool initial and maintenance margin, a breakdown into
 * components, per-position contributions, and the account's health.
 */
package org.pmargin.core.margin;
