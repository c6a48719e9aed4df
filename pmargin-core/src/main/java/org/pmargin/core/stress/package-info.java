/** Stress testing: named hypothetical stresses and crash windows replayed from history, on whole accounts. */
package org.pmargin.core.stress;
