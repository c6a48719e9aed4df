/** Time conventions: ACT/365 Fixed year fractions between UTC instants. */
package org.pmargin.core.time;
