package com.rnnservice.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;
import org.springframework.stereotype.Service;

import com.rnnservice.math.Cell;
import com.rnnservice.math.CellType;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.Sequence;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.State;
import com.rnnservice.math.StepGradients;

/**
 * The four passes (cell and sequence, forward and backward) for any {@link CellType}: checks every
 * shape once, runs the maths and checks that every result is finite.
 */
@Service
public class RecurrentService {

    private final Limits limits;

    public RecurrentService(Limits limits) {
        this.limits = limits;
    }

    /** One forward step: a_next (and c_next), the prediction and the gates. */
    public CellForward cellForward(CellType type, CellInputs in) {
        WorkEstimate.check(this.limits, type, in.xt(), in.aPrev(), in.parameters(), 1, false);
        ShapeCheck check = new ShapeCheck();
        RealMatrix xt = check.matrix("xt", in.xt(), "n_x", "m");
        State prev = check.state(type, "a_prev", in.aPrev(), "c_prev", in.cPrev(), true);
        Map<String, RealMatrix> parameters = check.cellParameters(type, in.parameters());
        OutputLayer output = check.outputLayer(type, in.parameters());
        check.throwIfInvalid();
        Cell<?> cell = type.create(parameters);

        Cell.Step step = cell.forward(xt, prev);
        Results results = new Results();
        results.add("a_next", step.next().a());
        RealMatrix cNext = step.next().c();
        if (cNext != null) {
            results.add("c_next", cNext);
        }
        RealMatrix ytPred = results.add("yt_pred", output.predict(step.next().a()));
        step.gates().forEach((name, gate) -> results.add("gates." + name, gate));
        results.throwIfNotFinite();
        return new CellForward(step.next().a(), cNext, ytPred, step.gates());
    }

    /** One backward step from ∂L/∂a_next (and ∂L/∂c_next): dxt, da_prev (dc_prev) and the parameter gradients. */
    public StepGradients cellBackward(CellType type, CellInputs in) {
        WorkEstimate.check(this.limits, type, in.xt(), in.aPrev(), in.parameters(), 3, true);
        ShapeCheck check = new ShapeCheck();
        RealMatrix xt = check.matrix("xt", in.xt(), "n_x", "m");
        State prev = check.state(type, "a_prev", in.aPrev(), "c_prev", in.cPrev(), true);
        Map<String, RealMatrix> parameters = check.cellParameters(type, in.parameters());
        check.outputLayerIfSent(type, in.parameters());
        State dNext = check.state(type, "da_next", in.daNext(), "dc_next", in.dcNext(), true);
        check.throwIfInvalid();
        Cell<?> cell = type.create(parameters);

        StepGradients gradients = backwardStep(cell, xt, prev, dNext);
        Results results = new Results();
        results.add("dxt", gradients.dxt());
        results.addState("da_prev", "dc_prev", gradients.dPrev());
        results.addAll(gradients.parameters());
        results.throwIfNotFinite();
        return gradients;
    }

    /** A forward pass over every step of x: the hidden states (cell states), predictions and, if asked, the gates. */
    public SequenceForward sequenceForward(CellType type, SequenceInputs in) {
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 1, false);
        ShapeCheck check = new ShapeCheck();
        List<RealMatrix> x = check.timeSteps("x", in.x(), "n_x", "m", "T_x");
        State initial = check.state(type, "a0", in.a0(), "c0", in.c0(), false);
        Map<String, RealMatrix> parameters = check.cellParameters(type, in.parameters());
        OutputLayer output = check.outputLayer(type, in.parameters());
        check.throwIfInvalid();
        Cell<?> cell = type.create(parameters);

        Sequence.Pass<?> pass = Sequence.pass(cell, x, initial);
        List<State> states = pass.states();
        List<RealMatrix> a = states.stream().map(State::a).toList();
        List<RealMatrix> c = type.hasMemory() ? states.stream().map(State::c).toList() : null;
        List<RealMatrix> yPred = a.stream().map(output::predict).toList();
        Results results = new Results();
        results.addSteps("a", a);
        if (c != null) {
            results.addSteps("c", c);
        }
        results.addSteps("y_pred", yPred);
        Map<String, List<RealMatrix>> gates = null;
        if (in.returnGates()) {
            Map<String, List<RealMatrix>> byGate = new LinkedHashMap<>();
            for (Map<String, RealMatrix> step : pass.gates()) {
                step.forEach((name, gate) -> byGate.computeIfAbsent(name, k -> new ArrayList<>()).add(gate));
            }
            byGate.forEach((name, values) -> results.addSteps("gates." + name, values));
            gates = byGate;
        }
        results.throwIfNotFinite();
        return new SequenceForward(a, c, yPred, gates);
    }

    /** Backpropagation through time from the upstream gradients da of every hidden state. */
    public SequenceGradients sequenceBackward(CellType type, SequenceInputs in) {
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 3, true);
        ShapeCheck check = new ShapeCheck();
        ShapeCheck.SequenceBackward read = check.sequenceBackward(type, in);
        check.throwIfInvalid();

        SequenceGradients gradients = Sequence.gradients(type.create(read.parameters()), read.x(), read.initial(), read.da());
        Results results = new Results();
        results.addSteps("dx", gradients.dx());
        results.addState("da0", "dc0", gradients.dInitial());
        results.addAll(gradients.parameters());
        results.throwIfNotFinite();
        return gradients;
    }

    private static <S extends Cell.Step> StepGradients backwardStep(Cell<S> cell, RealMatrix xt, State prev,
            State dNext) {
        return cell.backward(cell.forward(xt, prev), dNext);
    }

}
