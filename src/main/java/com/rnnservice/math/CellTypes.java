package com.rnnservice.math;

import static com.rnnservice.math.Symbol.N_A;
import static com.rnnservice.math.Symbol.N_X;

import java.util.List;
import java.util.Optional;

import com.rnnservice.math.CellType.Named;

/**
 * The cell families, each declared once: its name, its parameters with their shapes in symbols, its states, its
 * gates, and the words that document it. The service's endpoints, their bodies, checks and documentation are
 * derived from these; a new family is a cell class, a declaration here, and an entry in the fixture generator.
 */
public final class CellTypes {

    private static final Dimension HIDDEN = Dimension.of(N_A);

    private static final Dimension INPUT = Dimension.of(N_X);

    private static final Dimension CONCAT = Dimension.of(N_A).plus(N_X);

    /** The basic RNN cell (the exercise's {@code rnn_cell_forward}). */
    public static final CellType RNN = new CellType("rnn", "RNN", "an RNN",
            "The basic RNN cell: a_next = tanh(Wax·xt + Waa·a_prev + ba), yt_pred = softmax(Wya·a_next + by). "
                    + "It has no gates.",
            List.of(ParameterShape.matrix("Wax", HIDDEN, INPUT, "Input weights"),
                    ParameterShape.matrix("Waa", HIDDEN, HIDDEN, "Recurrent weights"),
                    ParameterShape.bias("ba", HIDDEN, "Hidden bias")),
            List.of(new Named("a", "Hidden state", "tanh(Wax·xt + Waa·a_prev + ba)")), List.of(), "Wya",
            "With dz = (1 − a_next²) ⊙ da_next: dxt = Waxᵀ·dz, da_prev = Waaᵀ·dz, dWax = dz·xtᵀ, dWaa = dz·a_prevᵀ, "
                    + "dba = dz summed over the batch.",
            RnnCell::new);

    /** The LSTM cell (the exercise's {@code lstm_cell_forward}), with concat = [a_prev; xt]. */
    public static final CellType LSTM = new CellType("lstm", "LSTM", "an LSTM",
            "The LSTM cell, with concat = [a_prev; xt]: forget, update and output gates σ(W·concat + b), candidate "
                    + "cct = tanh(Wc·concat + bc), c_next = ft ⊙ c_prev + it ⊙ cct, a_next = ot ⊙ tanh(c_next), "
                    + "yt_pred = softmax(Wy·a_next + by).",
            List.of(ParameterShape.matrix("Wf", HIDDEN, CONCAT, "Forget-gate weights"),
                    ParameterShape.matrix("Wi", HIDDEN, CONCAT, "Update-gate weights"),
                    ParameterShape.matrix("Wc", HIDDEN, CONCAT, "Candidate weights"),
                    ParameterShape.matrix("Wo", HIDDEN, CONCAT, "Output-gate weights"),
                    ParameterShape.bias("bf", HIDDEN, "Forget-gate bias"), ParameterShape.bias("bi", HIDDEN, "Update-gate bias"),
                    ParameterShape.bias("bc", HIDDEN, "Candidate bias"), ParameterShape.bias("bo", HIDDEN, "Output-gate bias")),
            List.of(new Named("a", "Hidden state", "ot ⊙ tanh(c_next)"),
                    new Named("c", "Cell state", "ft ⊙ c_prev + it ⊙ cct")),
            List.of(new Named("ft", "Forget gate", "σ(Wf·concat + bf)"), new Named("it", "Update gate", "σ(Wi·concat + bi)"),
                    new Named("cct", "Candidate", "tanh(Wc·concat + bc)"), new Named("ot", "Output gate", "σ(Wo·concat + bo)")),
            "Wy",
            "With dc = dc_next + da_next ⊙ ot ⊙ (1 − tanh²(c_next)): dzo = da_next ⊙ tanh(c_next) ⊙ ot ⊙ (1 − ot), "
                    + "dzc = dc ⊙ it ⊙ (1 − cct²), dzi = dc ⊙ cct ⊙ it ⊙ (1 − it), dzf = dc ⊙ c_prev ⊙ ft ⊙ (1 − ft); "
                    + "dWg = dzg·concatᵀ and dbg = dzg summed over the batch for g in f, i, c, o; "
                    + "[da_prev; dxt] = Σ_g Wgᵀ·dzg; dc_prev = dc ⊙ ft.",
            LstmCell::new);

    /** The course's "full GRU", with concat = [a_prev; xt]: the relevance gate acts before the candidate's matmul. */
    public static final CellType GRU = new CellType("gru", "GRU", "a GRU",
            "The course's full GRU, with concat = [a_prev; xt]: rt = σ(Wr·concat + br), ut = σ(Wu·concat + bu), "
                    + "cct = tanh(Wc·[rt ⊙ a_prev; xt] + bc), a_next = ut ⊙ cct + (1 − ut) ⊙ a_prev, "
                    + "yt_pred = softmax(Wy·a_next + by). This is Keras' reset_after=False (whose update gate z is "
                    + "1 − ut here); PyTorch's nn.GRU applies the reset gate after the matmul and computes a different "
                    + "function.",
            List.of(ParameterShape.matrix("Wr", HIDDEN, CONCAT, "Relevance-gate weights"),
                    ParameterShape.matrix("Wu", HIDDEN, CONCAT, "Update-gate weights"),
                    ParameterShape.matrix("Wc", HIDDEN, CONCAT, "Candidate weights, applied to [rt ⊙ a_prev; input]"),
                    ParameterShape.bias("br", HIDDEN, "Relevance-gate bias"), ParameterShape.bias("bu", HIDDEN, "Update-gate bias"),
                    ParameterShape.bias("bc", HIDDEN, "Candidate bias")),
            List.of(new Named("a", "Hidden state", "ut ⊙ cct + (1 − ut) ⊙ a_prev")),
            List.of(new Named("rt", "Relevance gate", "σ(Wr·concat + br)"), new Named("ut", "Update gate", "σ(Wu·concat + bu)"),
                    new Named("cct", "Candidate", "tanh(Wc·[rt ⊙ a_prev; xt] + bc)")),
            "Wy",
            "With dzc = da_next ⊙ ut ⊙ (1 − cct²) and dzu = da_next ⊙ (cct − a_prev) ⊙ ut ⊙ (1 − ut): "
                    + "[dra; dxc] = Wcᵀ·dzc, dzr = dra ⊙ a_prev ⊙ rt ⊙ (1 − rt), [dap; dxg] = Wrᵀ·dzr + Wuᵀ·dzu; "
                    + "da_prev = da_next ⊙ (1 − ut) + dra ⊙ rt + dap, dxt = dxc + dxg; dWr = dzr·concatᵀ, "
                    + "dWu = dzu·concatᵀ, dWc = dzc·[rt ⊙ a_prev; xt]ᵀ, each bias's gradient its dz summed over the batch.",
            GruCell::new);

    /** Every family, in the order a learner meets them. */
    public static final List<CellType> ALL = List.of(RNN, LSTM, GRU);

    private CellTypes() {
    }

    /** The family of this name ({@code rnn}, {@code lstm}, ...), if there is one. */
    public static Optional<CellType> named(String name) {
        return ALL.stream().filter(type -> type.name().equals(name)).findFirst();
    }
}
