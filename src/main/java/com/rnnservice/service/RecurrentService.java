package com.rnnservice.service;

import java.util.Map;

import org.springframework.stereotype.Service;

import com.rnnservice.math.Cell;
import com.rnnservice.math.CellType;
import com.rnnservice.math.Kernel;
import com.rnnservice.math.Matrix;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.Sequence;
import com.rnnservice.math.SequenceGradients;
import com.rnnservice.math.State;
import com.rnnservice.math.Steps;

/**
 * The four passes (cell and sequence, forward and backward) for any {@link CellType}: checks every shape once, runs
 * the maths on views of the request's tensors, and answers from the maths' own arrays.
 */
@Service
public class RecurrentService {

    private final Limits limits;

    private final Sequence sequence;

    public RecurrentService(Limits limits, Kernel kernel) {
        this.limits = limits;
        this.sequence = new Sequence(kernel);
    }

    /** One forward step: a_next (and c_next), the prediction and the gates. */
    public Answer cellForward(CellType type, CellInputs in) {
        WorkEstimate.check(this.limits, type, in.xt(), in.aPrev(), in.parameters(), 1, false);
        ShapeCheck check = new ShapeCheck();
        Matrix xt = check.matrix("xt", in.xt(), ShapeCheck.N_X, ShapeCheck.M);
        State prev = check.state(type, "a_prev", in.aPrev(), "c_prev", in.cPrev(), true);
        Map<String, Matrix> parameters = check.cellParameters(type, in.parameters());
        OutputLayer output = check.outputLayer(type, in.parameters());
        check.throwIfInvalid();

        Sequence.Run run = this.sequence.forward(type.create(parameters), oneStep(xt), prev);
        Answer answer = new Answer().put("a_next", run.outputs().step(0));
        if (run.memory() != null) {
            answer.put("c_next", run.memory().step(0));
        }
        answer.put("yt_pred", output.predict(this.sequence.kernel(), run.outputs()).step(0));
        if (!type.gates().isEmpty()) {
            Answer gates = answer.object("gates");
            run.gates().forEach((name, gate) -> gates.put(name, gate.step(0)));
        }
        answer.throwIfNotFinite();
        return answer;
    }

    /** One backward step from ∂L/∂a_next (and ∂L/∂c_next): dxt, da_prev (dc_prev) and the parameter gradients. */
    public Answer cellBackward(CellType type, CellInputs in) {
        WorkEstimate.check(this.limits, type, in.xt(), in.aPrev(), in.parameters(), 3, true);
        ShapeCheck check = new ShapeCheck();
        Matrix xt = check.matrix("xt", in.xt(), ShapeCheck.N_X, ShapeCheck.M);
        State prev = check.state(type, "a_prev", in.aPrev(), "c_prev", in.cPrev(), true);
        Map<String, Matrix> parameters = check.cellParameters(type, in.parameters());
        check.outputLayerIfSent(type, in.parameters());
        State dNext = check.state(type, "da_next", in.daNext(), "dc_next", in.dcNext(), true);
        check.throwIfInvalid();

        Cell cell = type.create(parameters);
        Sequence.Run run = this.sequence.forward(cell, oneStep(xt), prev);
        Matrix daNext = dNext.a();
        // da_next enters the step's hidden state as an upstream gradient, dc_next its cell state from after the step
        SequenceGradients g = this.sequence.backward(run, oneStep(daNext), dNext.c() == null ? null
                : new State(new Matrix(daNext.getRowDimension(), daNext.getColumnDimension()), dNext.c()));
        Answer answer = new Answer().put("dxt", g.dx().step(0)).put("da_prev", g.dInitial().a());
        if (g.dInitial().c() != null) {
            answer.put("dc_prev", g.dInitial().c());
        }
        g.parameters().forEach(answer::put);
        answer.throwIfNotFinite();
        return answer;
    }

    /** A forward pass over every step of x: the hidden states (cell states), predictions and, if asked, the gates. */
    public Answer sequenceForward(CellType type, SequenceInputs in) {
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 1, false);
        ShapeCheck check = new ShapeCheck();
        Steps x = check.steps("x", in.x(), ShapeCheck.N_X);
        State initial = check.state(type, "a0", in.a0(), "c0", in.c0(), false);
        Map<String, Matrix> parameters = check.cellParameters(type, in.parameters());
        OutputLayer output = check.outputLayer(type, in.parameters());
        check.throwIfInvalid();

        Sequence.Run run = this.sequence.forward(type.create(parameters), x, initial);
        Answer answer = new Answer().put("a", run.outputs());
        if (run.memory() != null) {
            answer.put("c", run.memory());
        }
        answer.put("y_pred", output.predict(this.sequence.kernel(), run.outputs()));
        if (in.returnGates() && !type.gates().isEmpty()) {
            Answer gates = answer.object("gates");
            run.gates().forEach(gates::put);
        }
        answer.throwIfNotFinite();
        return answer;
    }

    /** Backpropagation through time from the upstream gradients da of every hidden state. */
    public Answer sequenceBackward(CellType type, SequenceInputs in) {
        WorkEstimate.check(this.limits, type, in.x(), in.a0(), in.parameters(), 3, true);
        ShapeCheck check = new ShapeCheck();
        ShapeCheck.SequenceBackward read = check.sequenceBackward(type, in);
        check.throwIfInvalid();

        SequenceGradients g = this.sequence.gradients(type.create(read.parameters()), read.x(), read.initial(), read.da());
        Answer answer = new Answer().put("dx", g.dx()).put("da0", g.dInitial().a());
        if (g.dInitial().c() != null) {
            answer.put("dc0", g.dInitial().c());
        }
        g.parameters().forEach(answer::put);
        answer.throwIfNotFinite();
        return answer;
    }

    /** A (rows, m) matrix as the one time step of a sequence. */
    private static Steps oneStep(Matrix step) {
        return new Steps(step, step.getColumnDimension());
    }
}
