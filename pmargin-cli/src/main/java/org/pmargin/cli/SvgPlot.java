package org.pmargin.cli;

import java.util.Locale;

/**
 * A plain SVG line chart of margin against realised loss over time, for the backtest. SVG is text; two polylines
 * and a few labels need no charting library.
 */
final class SvgPlot {

  private SvgPlot() {
  }

  /**
   * The chart.
   *
   * @param title  the title
   * @param first  the first date's label
   * @param last  the last date's label
   * @param margin  margin per day
   * @param loss  realised loss per day (positive: a loss)
   * @return the SVG document
   */
  static String marginVersusLoss(String title, String first, String last, double[] margin, double[] loss) {
    int w = 1000;
    int h = 400;
    int pad = 50;
    double max = 1e-9;
    double min = 0;
    for (int i = 0; i < margin.length; i++) {
      max = Math.max(max, Math.max(margin[i], loss[i]));
      min = Math.min(min, loss[i]);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", w, h, w, h));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", pad, escape(title)));
    double zero = y(0, min, max, h, pad);
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#999\"/>%n", pad,
        zero, w - pad, zero));
    sb.append(polyline(loss, min, max, w, h, pad, "#d62728"));
    sb.append(polyline(margin, min, max, w, h, pad, "#1f77b4"));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", pad, h - 15, escape(first)));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", w - pad, h - 15,
        escape(last)));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#1f77b4\">margin (ES)</text>%n", w - 260,
        20));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#d62728\">realised loss</text>%n", w - 150,
        20));
    sb.append(String.format(Locale.ROOT, "<text x=\"5\" y=\"%.1f\">%,.0f</text>%n", y(max, min, max, h, pad) + 4,
        max));
    sb.append("</svg>\n");
    return sb.toString();
  }

  private static String polyline(double[] v, double min, double max, int w, int h, int pad, String colour) {
    StringBuilder sb = new StringBuilder("<polyline fill=\"none\" stroke-width=\"1\" stroke=\"" + colour
        + "\" points=\"");
    for (int i = 0; i < v.length; i++) {
      double x = pad + (w - 2.0 * pad) * i / Math.max(1, v.length - 1);
      sb.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y(v[i], min, max, h, pad)));
    }
    return sb.append("\"/>\n").toString();
  }

  private static double y(double value, double min, double max, int h, int pad) {
    return h - pad - (h - 2.0 * pad) * (value - min) / (max - min);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
