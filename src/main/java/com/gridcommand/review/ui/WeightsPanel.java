package com.gridcommand.review.ui;

import com.gridcommand.casework.AreaReview;
import com.gridcommand.review.TypedWeights;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.NumberField;

import java.util.List;
import java.util.Optional;

/** The score weights of 考评, folded away: four fields from 0 to 1 and the formula they make. */
final class WeightsPanel extends Details {

    private final NumberField closure = field("review-w-closure", "review.weight.closure");
    private final NumberField onTime = field("review-w-ontime", "review.weight.onTime");
    private final NumberField speed = field("review-w-speed", "review.weight.speed");
    private final NumberField overdue = field("review-w-overdue", "review.weight.overdue");
    private final Paragraph formula = new Paragraph();

    /** {@code changed} runs whenever a weight is changed. */
    WeightsPanel(Runnable changed) {
        setSummaryText(getTranslation("review.weights"));
        AreaReview.Weights d = AreaReview.Weights.DEFAULT;
        closure.setValue(d.closure());
        onTime.setValue(d.onTime());
        speed.setValue(d.speed());
        overdue.setValue(d.overdue());
        for (NumberField f : List.of(closure, onTime, speed, overdue)) f.addValueChangeListener(e -> changed.run());
        formula.setId("review-formula");
        formula.addClassName("gc-review-formula");
        Div form = new Div(closure, onTime, speed, overdue, formula);
        form.addClassName("gc-review-weights");
        add(form);
        setId("review-weights");
    }

    /** The weights as typed, or none when they do not make a score. */
    Optional<AreaReview.Weights> typed() {
        return TypedWeights.of(closure.getValue(), onTime.getValue(), speed.getValue(), overdue.getValue());
    }

    void showFormula(String text) {
        formula.setText(text);
    }

    private NumberField field(String id, String key) {
        NumberField f = new NumberField(getTranslation(key));
        f.setId(id);
        f.setMin(0);
        f.setMax(1);
        f.setStep(0.05);
        f.setStepButtonsVisible(true);
        f.setWidth("9em");
        return f;
    }
}
