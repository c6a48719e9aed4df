package org.pmargin.core.liquidation.loss;

/**
 * One auto-deleveraging close: a counterparty's position closed against the bankrupt one at the ADL price.
 *
 * @param accountId  the deleveraged account
 * @param lots  lots closed
 * @param price  the ADL close price (the bankruptcy price when the fund paid nothing)
 * @param transfer  the loss taken versus closing at mark, minor units, non-negative: the counterparty's equity falls
 *     by this much and the bankrupt account's rises by it
 */
public record AdlFill(String accountId, long lots, double price, long transfer) {}
