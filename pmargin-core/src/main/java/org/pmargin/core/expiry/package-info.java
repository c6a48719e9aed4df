/**
 * Expiry: expired options and dated futures are refused by every valuer and margin model ({@link
 * org.pmargin.core.expiry.ExpiryCheck}) and settled at their expiry's delivery price into the cash balance ({@link
 * org.pmargin.core.expiry.ExpirySettlement}).
 */
package org.pmargin.core.expiry;
