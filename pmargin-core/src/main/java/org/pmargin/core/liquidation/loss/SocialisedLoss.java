package org.pmargin.core.liquidation.loss;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.pmargin.core.validation.InvalidInputException;

/**
 * The last layer: what the fund and ADL did not cover is spread over the accounts with positive equity in the
 * settlement asset, pro rata to that equity (Deribit: "losses socialised on winning traders"; Drift and Derive mint
 * or share the loss over depositors). Shares are in minor units by the largest-remainder method: each account first
 * bears {@code floor(S·e/E)}; the {@code S − Σ} units left go one each to the largest remainders {@code S·e mod E},
 * ties by account id. As {@code S ≤ E}, no share exceeds the account's equity; a loss larger than all positive
 * equity leaves the excess {@link Result#uncovered() uncovered} (the venue's bad debt), never a negative balance.
 */
public final class SocialisedLoss {

  private SocialisedLoss() {}

  /**
   * One account's equity in the settlement asset.
   *
   * @param accountId  the account
   * @param equity  minor units
   */
  public record AccountEquity(String accountId, long equity) {
    /** Validates the id. */
    public AccountEquity {
      if (accountId == null || accountId.isBlank()) {
        throw new InvalidInputException("accountId", "must be named");
      }
    }
  }

  /**
   * The split.
   *
   * @param shares  each bearing account's share, minor units, by account id
   * @param socialised  the sum of the shares
   * @param uncovered  the part of the loss no positive equity could bear
   */
  public record Result(List<AccountEquity> shares, long socialised, long uncovered) {
    /** Copies the shares. */
    public Result {
      shares = List.copyOf(shares);
    }
  }

  /**
   * Splits {@code loss} minor units over the accounts with positive equity.
   *
   * @param loss  the loss to socialise, non-negative
   * @param accounts  the accounts' equities (non-positive ones bear nothing); ids must be distinct
   * @return the shares, in account-id order, and what stayed uncovered
   */
  public static Result split(long loss, List<AccountEquity> accounts) {
    if (loss < 0) {
      throw new InvalidInputException("loss", "must not be negative, got " + loss);
    }
    List<AccountEquity> bearers = new ArrayList<>();
    BigInteger total = BigInteger.ZERO;
    for (AccountEquity a : accounts) {
      if (a.equity() > 0) {
        bearers.add(a);
        total = total.add(BigInteger.valueOf(a.equity()));
      }
    }
    bearers.sort(Comparator.comparing(AccountEquity::accountId));
    for (int i = 1; i < bearers.size(); i++) {
      if (bearers.get(i).accountId().equals(bearers.get(i - 1).accountId())) {
        throw new InvalidInputException("accounts", "account " + bearers.get(i).accountId() + " appears twice");
      }
    }
    long toShare = total.compareTo(BigInteger.valueOf(loss)) < 0 ? total.longValueExact() : loss;
    long[] share = new long[bearers.size()];
    BigInteger[] remainder = new BigInteger[bearers.size()];
    long assigned = 0;
    if (toShare > 0) {
      for (int i = 0; i < bearers.size(); i++) {
        BigInteger[] qr = BigInteger.valueOf(toShare).multiply(BigInteger.valueOf(bearers.get(i).equity()))
            .divideAndRemainder(total);
        share[i] = qr[0].longValueExact();
        remainder[i] = qr[1];
        assigned += share[i];
      }
      Integer[] byRemainder = new Integer[bearers.size()];
      for (int i = 0; i < byRemainder.length; i++) {
        byRemainder[i] = i;
      }
      java.util.Arrays.sort(byRemainder, (x, y) -> {
        int c = remainder[y].compareTo(remainder[x]);
        return c != 0 ? c : Integer.compare(x, y);
      });
      for (int k = 0; assigned < toShare; k++) {
        share[byRemainder[k]]++;
        assigned++;
      }
    }
    List<AccountEquity> shares = new ArrayList<>();
    for (int i = 0; i < bearers.size(); i++) {
      if (share[i] > 0) {
        shares.add(new AccountEquity(bearers.get(i).accountId(), share[i]));
      }
    }
    return new Result(shares, toShare, loss - toShare);
  }
}
