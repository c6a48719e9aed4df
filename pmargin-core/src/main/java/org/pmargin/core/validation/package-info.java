/**
 * Input validation shared by every domain type: checks that name the offending field and never let NaN through.
 */
package org.pmargin.core.validation;
