package org.pmargin.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain SVG chart of stacked panels sharing one time axis, one line per series (a margin model in the cascade), with
 * a legend. SVG is text; polylines and labels need no charting library ({@link SvgPlot} is the backtest's chart).
 */
final class SvgSeriesChart {

  private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b",
      "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};
  private static final int WIDTH = 1000;
  private static final int PANEL = 260;
  private static final int PAD = 60;

  /** One panel: a title and its series by name, all of the same length. */
  record Panel(String title, Map<String, double[]> series) {
    Panel {
      series = new LinkedHashMap<>(series);
    }
  }

  private SvgSeriesChart() {
  }

  /**
   * The chart.
   *
   * @param title  the title
   * @param first  the first time's label
   * @param last  the last time's label
   * @param panels  the panels, top to bottom; series with the same name get the same colour in every panel
   * @param dashed  names drawn dashed (e.g. the runs with an add-on)
   * @return the SVG document
   */
  static String chart(String title, String first, String last, List<Panel> panels, java.util.Set<String> dashed) {
    int h = 40 + panels.size() * (PANEL + 30) + 40;
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, h, WIDTH, h));
    sb.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s</text>%n", PAD,
        escape(title)));
    Map<String, String> colours = new LinkedHashMap<>();
    for (Panel p : panels) {
      for (String name : p.series().keySet()) {
        colours.computeIfAbsent(name, k -> COLOURS[colours.size() % COLOURS.length]);
      }
    }
    int top = 40;
    for (Panel p : panels) {
      panel(sb, p, top, colours, dashed);
      top += PANEL + 30;
    }
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", PAD, top, escape(first)));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", WIDTH - PAD,
        top, escape(last)));
    int y = top + 20;
    int x = PAD;
    for (Map.Entry<String, String> e : colours.entrySet()) {
      String dash = dashed.contains(e.getKey()) ? " stroke-dasharray=\"6,3\"" : "";
      sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
          + "stroke-width=\"2\"%s/>%n", x, y - 4, x + 20, y - 4, e.getValue(), dash));
      sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", x + 24, y, escape(e.getKey())));
      x += 34 + 7 * e.getKey().length();
      if (x > WIDTH - 200) {
        x = PAD;
        y += 16;
      }
    }
    sb.append("</svg>\n");
    return sb.toString().replace(String.format(Locale.ROOT, "height=\"%d\" viewBox=\"0 0 %d %d\"", h, WIDTH, h),
        String.format(Locale.ROOT, "height=\"%d\" viewBox=\"0 0 %d %d\"", y + 12, WIDTH, y + 12));
  }

  private static void panel(StringBuilder sb, Panel p, int top, Map<String, String> colours,
      java.util.Set<String> dashed) {
    double max = 0;
    int n = 0;
    for (double[] v : p.series().values()) {
      n = Math.max(n, v.length);
      for (double x : v) {
        max = Math.max(max, x);
      }
    }
    double scale = max > 0 ? max : 1;
    int bottom = top + PANEL;
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"13\">%s</text>%n", PAD, top + 12,
        escape(p.title())));
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", PAD,
        bottom, WIDTH - PAD, bottom));
    sb.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>%n", PAD,
        top + 20, PAD, bottom));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", PAD - 4,
        top + 24, escape(compact(max))));
    sb.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", PAD - 4, bottom));
    for (Map.Entry<String, double[]> e : p.series().entrySet()) {
      double[] v = e.getValue();
      StringBuilder pts = new StringBuilder();
      for (int i = 0; i < v.length; i++) {
        double x = PAD + (WIDTH - 2.0 * PAD) * i / Math.max(1, n - 1);
        double y = bottom - (PANEL - 20.0) * v[i] / scale;
        pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
      }
      String dash = dashed.contains(e.getKey()) ? " stroke-dasharray=\"6,3\"" : "";
      sb.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"%s\"%s "
          + "points=\"%s\"/>%n", colours.get(e.getKey()), dash, pts.toString().trim()));
    }
  }

  /** 33,326,431 as 33.3M: axis labels fit the margin. */
  static String compact(double v) {
    double a = Math.abs(v);
    return a >= 1e9 ? String.format(Locale.ROOT, "%.3gG", v / 1e9) : a >= 1e6
        ? String.format(Locale.ROOT, "%.3gM", v / 1e6) : a >= 1e3 ? String.format(Locale.ROOT, "%.3gk", v / 1e3)
        : String.format(Locale.ROOT, "%.3g", v);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
