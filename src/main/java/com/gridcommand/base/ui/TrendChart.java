package com.gridcommand.base.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JavaScript;
import com.vaadin.flow.dom.Element;

import java.util.List;
import java.util.Locale;

/**
 * A small chart of months (Chart.js from its webjar, drawn on a canvas): bars for counts on the left axis, lines
 * for percentages on the right. Labels and names are passed as JSON data, never as code or HTML.
 */
@Tag("div")
@JavaScript("context://webjars/chart.js/4.5.1/dist/chart.umd.js")
public class TrendChart extends Component implements HasSize, HasStyle {

    /** @param percent drawn as a line against the 0–100 % axis; otherwise bars against the count axis */
    public record Series(String label, List<Double> values, String colour, boolean percent) {}

    private String config;

    public TrendChart() {
        getElement().appendChild(new Element("canvas"));
        addClassName("gc-trend-chart");
    }

    public void setData(String title, List<String> labels, List<Series> series) {
        StringBuilder data = new StringBuilder("{\"type\":\"bar\",\"data\":{\"labels\":").append(strings(labels)).append(",\"datasets\":[");
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            if (i > 0) data.append(',');
            data.append("{\"label\":").append(string(s.label())).append(",\"data\":").append(numbers(s.values()))
                    .append(",\"backgroundColor\":").append(string(s.colour())).append(",\"borderColor\":").append(string(s.colour()))
                    .append(s.percent() ? ",\"type\":\"line\",\"yAxisID\":\"percent\",\"tension\":0.2,\"spanGaps\":true" : ",\"yAxisID\":\"count\"")
                    .append('}');
        }
        data.append("]},\"options\":{\"animation\":false,\"maintainAspectRatio\":false,\"plugins\":{\"title\":{\"display\":true,\"text\":")
                .append(string(title)).append("}},\"scales\":{\"count\":{\"type\":\"linear\",\"position\":\"left\",\"beginAtZero\":true},")
                .append("\"percent\":{\"type\":\"linear\",\"position\":\"right\",\"min\":0,\"max\":100,\"grid\":{\"drawOnChartArea\":false}}}}}");
        config = data.toString();
        draw();
    }

    /** The configuration last given, as JSON (what the browser draws). */
    public String config() {
        return config;
    }

    @Override
    protected void onAttach(AttachEvent attachEvent) {
        super.onAttach(attachEvent);
        draw();
    }

    private void draw() {
        if (config == null || !isAttached()) return;
        getElement().executeJs("""
                const host = this, config = JSON.parse($0);
                const paint = () => {
                  if (!window.Chart) { setTimeout(paint, 50); return; }
                  if (host._chart) host._chart.destroy();
                  host._chart = new window.Chart(host.querySelector('canvas'), config);
                };
                paint();""", config);
    }

    private static String strings(List<String> values) {
        return values.stream().map(TrendChart::string).collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static String numbers(List<Double> values) {
        return values.stream().map(v -> v == null || !Double.isFinite(v) ? "null" : String.format(Locale.ROOT, "%.4f", v))
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    static String string(String s) {
        if (s == null) return "null";
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }
}
