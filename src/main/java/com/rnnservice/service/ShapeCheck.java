package com.rnnservice.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.apache.commons.math3.linear.RealMatrix;
import org.jspecify.annotations.Nullable;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Matrices;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.State;

/**
 * Checks the tensors of one request against symbolic shapes such as (n_a, n_a + n_x), binding each
 * symbol to the size of the first tensor that shows it, and collects every problem instead of stopping
 * at the first. Tensors are checked in the order the caller asks for them, so the defining ones
 * ({@code xt}, {@code a_prev}, ...) should come first.
 *
 * <p>Messages are written when the check ends, so that an expected shape shows every symbol the
 * request let it bind, even from tensors checked later. A method that finds a problem records it and returns a placeholder; {@link #throwIfInvalid()} then
 * throws before any placeholder can be used.
 */
final class ShapeCheck {

    /** What a check returns for a tensor it rejected: never used, since {@link #throwIfInvalid()} throws first. */
    static final RealMatrix PLACEHOLDER = Matrices.zeros(1, 1);

    private final Map<String, Integer> symbols;

    /** Problems found, their messages written at the end, when every symbol that can be bound is. */
    private final List<Map.Entry<String, Supplier<String>>> errors;

    /** Where a symbol of this check is kept in {@link #symbols}: itself, unless a scope renames it. */
    private final Map<String, String> scope;

    /** Said after a message whose shape mentions {@code n_in}: what n_in is in this scope. */
    private final @Nullable Supplier<String> inputNote;

    ShapeCheck() {
        this(new LinkedHashMap<>(), new ArrayList<>(), Map.of(), null);
    }

    private ShapeCheck(Map<String, Integer> symbols, List<Map.Entry<String, Supplier<String>>> errors,
            Map<String, String> scope, @Nullable Supplier<String> inputNote) {
        this.symbols = symbols;
        this.errors = errors;
        this.scope = scope;
        this.inputNote = inputNote;
    }

    /**
     * A check that shares this one's problems and symbols, except that the symbols {@code scope} names
     * are its own: a network's layer binds its n_a and n_in apart from every other layer's, while m and
     * T_x stay shared.
     *
     * @param scope the local symbols, each mapped to a key no other scope uses
     * @param inputNote what n_in is, said after any message whose shape mentions it
     */
    ShapeCheck scoped(Map<String, String> scope, @Nullable Supplier<String> inputNote) {
        return new ShapeCheck(this.symbols, this.errors, Map.copyOf(scope), inputNote);
    }

    /** Binds {@code symbol} to {@code size}, as a tensor showing it would. */
    void define(String symbol, int size) {
        this.symbols.put(key(symbol), size);
    }

    private String key(String symbol) {
        return this.scope.getOrDefault(symbol, symbol);
    }

    /** A required (rows, cols) matrix. */
    RealMatrix matrix(String field, @Nullable Tensor tensor, String rows, String cols) {
        return check(field, tensor, true, rows, cols) ? tensor(tensor).toMatrix() : PLACEHOLDER;
    }

    /** An optional (rows, cols) matrix: {@code null} when absent. */
    @Nullable RealMatrix optionalMatrix(String field, @Nullable Tensor tensor, String rows, String cols) {
        return tensor == null ? null : matrix(field, tensor, rows, cols);
    }

    /** A required bias, sent as (rows, 1) or as a 1-D array of length rows; returned as (rows, 1). */
    RealMatrix bias(String field, @Nullable Tensor tensor, String rows) {
        boolean ok = tensor != null && tensor.problem() == null && tensor.rank() == 1
                ? check(field, tensor, true, rows)
                : check(field, tensor, true, rows, "1");
        return ok ? tensor(tensor).toMatrix() : PLACEHOLDER;
    }

    /** A required (rows, m, T_x) tensor, as its T_x slices [:, :, t]. */
    List<RealMatrix> timeSteps(String field, @Nullable Tensor tensor, String rows, String cols, String steps) {
        return check(field, tensor, true, rows, cols, steps) ? tensor(tensor).toTimeSteps() : List.of(PLACEHOLDER);
    }

    /**
     * A state (or its gradient): the hidden part always; for a cell with memory the memory part, where
     * it is required or else zeros when absent. A memory sent to a cell without one is an error.
     */
    State state(CellType type, String hiddenField, @Nullable Tensor hidden, String memoryField,
            @Nullable Tensor memory, boolean memoryRequired) {
        RealMatrix a = matrix(hiddenField, hidden, "n_a", "m");
        if (!type.hasMemory()) {
            optionalMemory(type, memoryField, memory);
            return State.of(a);
        }
        RealMatrix c = memoryRequired || memory != null ? matrix(memoryField, memory, "n_a", "m")
                : Matrices.zeros(a.getRowDimension(), a.getColumnDimension());
        return new State(a, c);
    }

    /**
     * An optional cell state, (n_a, m): {@code null} when absent; sent to a cell without memory it is an
     * error (and {@code null} too).
     */
    @Nullable RealMatrix optionalMemory(CellType type, String field, @Nullable Tensor memory) {
        if (memory != null && !type.hasMemory()) {
            reject(field, "must be left out: the " + type.name().toUpperCase(Locale.ROOT) + " cell has no cell state");
            return null;
        }
        return optionalMatrix(field, memory, "n_a", "m");
    }

    /**
     * The cell's own parameters by name, each checked against its symbolic shape. Build the cell from
     * them only after {@link #throwIfInvalid()}: a cell may combine its parameters (stack the gates) as
     * it is built, which rejected ones would break.
     */
    Map<String, RealMatrix> cellParameters(CellType type, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters == null) {
            reject("parameters", "is required: an object with " + type.parameters().stream()
                .map(ParameterShape::name).collect(Collectors.joining(", ")) + ", " + type.outputWeights() + ", "
                    + CellType.OUTPUT_BIAS);
        }
        Map<String, RealMatrix> matrices = new LinkedHashMap<>();
        for (ParameterShape shape : type.parameters()) {
            matrices.put(shape.name(),
                    parameters == null ? PLACEHOLDER : parameter(shape, parameters.get(shape.name())));
        }
        return matrices;
    }

    /** The output layer, which forward passes and losses need. */
    OutputLayer outputLayer(CellType type, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters == null) {
            return new OutputLayer(PLACEHOLDER, PLACEHOLDER);
        }
        return new OutputLayer(
                parameter(ParameterShape.matrix(type.outputWeights(), "n_y", "n_a"), parameters.get(type.outputWeights())),
                parameter(ParameterShape.bias(CellType.OUTPUT_BIAS, "n_y"), parameters.get(CellType.OUTPUT_BIAS)));
    }

    /**
     * The tensors of a sequence backward pass, checked: x, the initial state (c0 zeros when absent), the
     * cell's parameters (the output layer checked only if sent) and da.
     */
    SequenceBackward sequenceBackward(CellType type, SequenceInputs in) {
        List<RealMatrix> x = timeSteps("x", in.x(), "n_x", "m", "T_x");
        State initial = state(type, "a0", in.a0(), "c0", in.c0(), false);
        Map<String, RealMatrix> parameters = cellParameters(type, in.parameters());
        outputLayerIfSent(type, in.parameters());
        List<RealMatrix> da = timeSteps("da", in.da(), "n_a", "m", "T_x");
        return new SequenceBackward(x, initial, parameters, da);
    }

    /** What a sequence backward pass reads: usable once {@link #throwIfInvalid()} has passed. */
    record SequenceBackward(List<RealMatrix> x, State initial, Map<String, RealMatrix> parameters,
            List<RealMatrix> da) {
    }

    /** Backward passes do not use the output layer: it may be absent, but if sent it must fit. */
    void outputLayerIfSent(CellType type, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters != null
                && (parameters.get(type.outputWeights()) != null || parameters.get(CellType.OUTPUT_BIAS) != null)) {
            outputLayer(type, parameters);
        }
    }

    private RealMatrix parameter(ParameterShape shape, @Nullable Tensor tensor) {
        String field = "parameters." + shape.name();
        return shape.isBias() ? bias(field, tensor, shape.rows()) : matrix(field, tensor, shape.rows(), shape.columns());
    }

    /** The size the request gave a symbol such as {@code n_y}, or {@code null} if no valid tensor showed it. */
    @Nullable Integer size(String symbol) {
        return this.symbols.get(key(symbol));
    }

    /** Records a problem whose message names an expected shape, written when the check ends. */
    void rejectWithShape(String field, String before, String[] dims, String after) {
        reject(field, () -> before + expected(dims) + after);
    }

    /** Records a problem found outside the shapes, such as a missing object. */
    void reject(String field, String message) {
        reject(field, () -> message);
    }

    private void reject(String field, Supplier<String> message) {
        this.errors.add(Map.entry(field, message));
    }

    /** Throws if any problem was found. */
    void throwIfInvalid() {
        if (!this.errors.isEmpty()) {
            throw new InvalidInputException(
                    "The request's tensors do not fit together; every problem is listed under 'errors'.",
                    this.errors.stream().map(e -> new FieldError(e.getKey(), e.getValue().get())).toList());
        }
    }

    private static Tensor tensor(@Nullable Tensor tensor) {
        if (tensor == null) {
            throw new IllegalStateException("checked tensor is missing");
        }
        return tensor;
    }

    private boolean check(String field, @Nullable Tensor tensor, boolean required, String... dims) {
        if (tensor == null) {
            if (required) {
                reject(field, () -> "is required: a tensor of shape " + expected(dims) + note(dims));
            }
            return false;
        }
        String problem = tensor.problem();
        if (problem != null) {
            reject(field, problem);
            return false;
        }
        if (tensor.isEmpty()) {
            reject(field, () -> "must not be empty: expected shape " + expected(dims) + ", got " + tensor.shapeText());
            return false;
        }
        if (tensor.rank() != dims.length) {
            reject(field, () -> "expected a " + dims.length + "-D tensor of shape " + expected(dims) + ", got the "
                    + tensor.rank() + "-D shape " + tensor.shapeText());
            return false;
        }
        for (int axis = 0; axis < dims.length; axis++) {
            bind(dims[axis], tensor.dimension(axis));
        }
        for (int axis = 0; axis < dims.length; axis++) {
            Integer want = value(dims[axis]);
            if (want == null || want != tensor.dimension(axis)) {
                reject(field, () -> "expected shape " + expected(dims) + ", got " + tensor.shapeText() + note(dims));
                return false;
            }
        }
        return true;
    }

    /** Binds the one unbound symbol of {@code dim} (a symbol, a number, or a sum of them) so that it equals {@code size}. */
    private void bind(String dim, int size) {
        String unbound = null;
        int known = 0;
        for (String term : terms(dim)) {
            Integer v = termValue(term);
            if (v != null) {
                known += v;
            }
            else if (unbound == null) {
                unbound = term;
            }
            else {
                return;
            }
        }
        if (unbound != null && size - known > 0) {
            this.symbols.put(key(unbound), size - known);
        }
    }

    private @Nullable Integer value(String dim) {
        int sum = 0;
        for (String term : terms(dim)) {
            Integer v = termValue(term);
            if (v == null) {
                return null;
            }
            sum += v;
        }
        return sum;
    }

    private @Nullable Integer termValue(String term) {
        return Character.isDigit(term.charAt(0)) ? Integer.valueOf(term) : this.symbols.get(key(term));
    }

    private static final Map<String, List<String>> TERMS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The symbols and numbers a dimension sums: "n_a + n_x" → [n_a, n_x] (a handful of distinct dimensions, cached). */
    private static List<String> terms(String dim) {
        return TERMS.computeIfAbsent(dim, d -> List.of(d.split(" \\+ ")));
    }

    /** What n_in is, when {@code dims} mention it and this check is a scope that knows. */
    private String note(String... dims) {
        Supplier<String> note = this.inputNote;
        if (note == null || java.util.Arrays.stream(dims).flatMap(d -> terms(d).stream()).noneMatch("n_in"::equals)) {
            return "";
        }
        return "; " + note.get();
    }

    /** The expected shape with its symbols and, as far as they are known, their values: (n_a, n_a + n_x) = (5, 8). */
    private String expected(String... dims) {
        String symbolic = "(" + String.join(", ", dims) + (dims.length == 1 ? ",)" : ")");
        List<String> values = new ArrayList<>();
        boolean anyKnown = false;
        for (String dim : dims) {
            Integer v = value(dim);
            anyKnown |= v != null && !Character.isDigit(dim.charAt(0));
            values.add(v == null ? "?" : v.toString());
        }
        if (!anyKnown) {
            return symbolic;
        }
        return symbolic + " = (" + values.stream().collect(Collectors.joining(", ")) + (dims.length == 1 ? ",)" : ")");
    }
}
