package com.rnnservice.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import com.rnnservice.math.CellType;
import com.rnnservice.math.Dimension;
import com.rnnservice.math.Matrix;
import com.rnnservice.math.OutputLayer;
import com.rnnservice.math.ParameterShape;
import com.rnnservice.math.State;
import com.rnnservice.math.Steps;
import com.rnnservice.math.Symbol;

/**
 * Checks the tensors of one request against symbolic shapes such as (n_a, n_a + n_x), binding each symbol to the
 * size of the first tensor that shows it, and collects every problem instead of stopping at the first. Tensors are
 * checked in the order the caller asks for them, so the defining ones ({@code xt}, {@code a_prev}, ...) should come
 * first. A tensor that passes is returned as a view of the request's own array, in the layout the maths reads.
 *
 * <p>Messages are written when the check ends, so that an expected shape shows every symbol the request let it
 * bind, even from tensors checked later. A method that finds a problem records it and returns a placeholder;
 * {@link #throwIfInvalid()} then throws before any placeholder can be used.
 */
final class ShapeCheck {

    static final Dimension N_X = Dimension.of(Symbol.N_X);

    static final Dimension N_A = Dimension.of(Symbol.N_A);

    static final Dimension N_Y = Dimension.of(Symbol.N_Y);

    static final Dimension M = Dimension.of(Symbol.M);

    static final Dimension T_X = Dimension.of(Symbol.T_X);

    static final Dimension N_OUT = Dimension.of(Symbol.N_OUT);

    /** What a check returns for a matrix it rejected: never used, since {@link #throwIfInvalid()} throws first. */
    static final Matrix PLACEHOLDER = new Matrix(1, 1);

    /** What a check returns for time steps it rejected. */
    static final Steps NO_STEPS = Steps.zeros(1, 1, 1);

    private final Map<String, Integer> symbols;

    /** Problems found, their messages written at the end, when every symbol that can be bound is. */
    private final List<Map.Entry<String, Supplier<String>>> errors;

    /** Where a symbol of this check is kept in {@link #symbols}: its name, unless a scope renames it. */
    private final Map<Symbol, String> scope;

    /** Said after a message whose shape mentions {@code n_in}: what n_in is in this scope. */
    private final @Nullable Supplier<String> inputNote;

    ShapeCheck() {
        this(new LinkedHashMap<>(), new ArrayList<>(), Map.of(), null);
    }

    private ShapeCheck(Map<String, Integer> symbols, List<Map.Entry<String, Supplier<String>>> errors,
            Map<Symbol, String> scope, @Nullable Supplier<String> inputNote) {
        this.symbols = symbols;
        this.errors = errors;
        this.scope = scope;
        this.inputNote = inputNote;
    }

    /**
     * A check that shares this one's problems and symbols, except that the symbols {@code scope} names are its own:
     * a network's layer binds its n_a and n_in apart from every other layer's, while m and T_x stay shared.
     *
     * @param scope the local symbols, each mapped to a key no other scope uses
     * @param inputNote what n_in is, said after any message whose shape mentions it
     */
    ShapeCheck scoped(Map<Symbol, String> scope, @Nullable Supplier<String> inputNote) {
        return new ShapeCheck(this.symbols, this.errors, Map.copyOf(scope), inputNote);
    }

    /** Binds {@code symbol} to {@code size}, as a tensor showing it would. */
    void define(Symbol symbol, int size) {
        this.symbols.put(key(symbol), size);
    }

    private String key(Symbol symbol) {
        return this.scope.getOrDefault(symbol, symbol.toString());
    }

    private @Nullable Integer lookup(Symbol symbol) {
        return this.symbols.get(key(symbol));
    }

    /** A required (rows, cols) matrix: a view of the request's tensor. */
    Matrix matrix(String field, @Nullable Tensor tensor, Dimension rows, Dimension cols) {
        return check(field, tensor, true, rows, cols) ? tensor(tensor).matrix() : PLACEHOLDER;
    }

    /** An optional (rows, cols) matrix: {@code null} when absent. */
    @Nullable Matrix optionalMatrix(String field, @Nullable Tensor tensor, Dimension rows, Dimension cols) {
        return tensor == null ? null : matrix(field, tensor, rows, cols);
    }

    /** A required bias, sent as (rows, 1) or as a 1-D array of length rows; returned as (rows, 1). */
    Matrix bias(String field, @Nullable Tensor tensor, Dimension rows) {
        boolean ok = tensor != null && tensor.problem() == null && tensor.rank() == 1
                ? check(field, tensor, true, rows)
                : check(field, tensor, true, rows, Dimension.constant(1));
        return ok ? tensor(tensor).matrix() : PLACEHOLDER;
    }

    /** A required (rows, m, T_x) tensor, as its T_x time steps: a view of the request's tensor. */
    Steps steps(String field, @Nullable Tensor tensor, Dimension rows) {
        return check(field, tensor, true, rows, M, T_X) ? tensor(tensor).steps() : NO_STEPS;
    }

    /**
     * A state (or its gradient): the hidden part always; for a cell with memory the memory part, where it is
     * required or else zeros when absent. A memory sent to a cell without one is an error.
     */
    State state(CellType type, String hiddenField, @Nullable Tensor hidden, String memoryField,
            @Nullable Tensor memory, boolean memoryRequired) {
        Matrix a = matrix(hiddenField, hidden, N_A, M);
        if (!type.hasMemory()) {
            optionalMemory(type, memoryField, memory);
            return new State(a, null);
        }
        Matrix c = memoryRequired || memory != null ? matrix(memoryField, memory, N_A, M)
                : new Matrix(a.getRowDimension(), a.getColumnDimension());
        return new State(a, c.getRowDimension() == a.getRowDimension() && c.getColumnDimension() == a.getColumnDimension()
                ? c : new Matrix(a.getRowDimension(), a.getColumnDimension()));
    }

    /**
     * An optional cell state, (n_a, m): {@code null} when absent; sent to a cell without memory it is an error (and
     * {@code null} too).
     */
    @Nullable Matrix optionalMemory(CellType type, String field, @Nullable Tensor memory) {
        if (memory != null && !type.hasMemory()) {
            reject(field, "must be left out: the " + type.title() + " cell has no cell state");
            return null;
        }
        return optionalMatrix(field, memory, N_A, M);
    }

    /**
     * The cell's own parameters by name, each checked against its declared shape: views of the request's tensors.
     * Stack them into the cell's {@link com.rnnservice.math.Parameters} only after {@link #throwIfInvalid()}.
     *
     * @param prefix the path of the object that holds them: {@code parameters}, {@code layers[0].forward}
     * @param shapes the parameters' shapes in this scope (a network layer's read n_in for n_x)
     */
    Map<String, Matrix> parameters(String prefix, List<ParameterShape> shapes,
            @Nullable Map<String, @Nullable Tensor> parameters) {
        Map<String, Matrix> matrices = new LinkedHashMap<>();
        for (ParameterShape shape : shapes) {
            matrices.put(shape.name(), parameters == null ? PLACEHOLDER : parameter(prefix + "." + shape.name(), shape,
                    parameters.get(shape.name())));
        }
        return matrices;
    }

    /** The cell's parameters of a single-cell request, under {@code parameters}; required. */
    Map<String, Matrix> cellParameters(CellType type, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters == null) {
            reject("parameters", "is required: an object with " + type.parameters().stream()
                .map(ParameterShape::name).collect(Collectors.joining(", ")) + ", " + type.outputWeights() + ", "
                    + CellType.OUTPUT_BIAS);
        }
        return parameters("parameters", type.parameters(), parameters);
    }

    /** The output layer, which forward passes and losses need: Wy (n_y, n_a), by (n_y, 1). */
    OutputLayer outputLayer(CellType type, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters == null) {
            return new OutputLayer(PLACEHOLDER, PLACEHOLDER);
        }
        Matrix wy = matrix("parameters." + type.outputWeights(), parameters.get(type.outputWeights()), N_Y, N_A);
        Matrix by = bias("parameters." + CellType.OUTPUT_BIAS, parameters.get(CellType.OUTPUT_BIAS), N_Y);
        return new OutputLayer(wy, by.getRowDimension() == wy.getRowDimension() ? by : new Matrix(wy.getRowDimension(), 1));
    }

    /** Backward passes do not use the output layer: it may be absent, but if sent it must fit. */
    void outputLayerIfSent(CellType type, @Nullable Map<String, @Nullable Tensor> parameters) {
        if (parameters != null
                && (parameters.get(type.outputWeights()) != null || parameters.get(CellType.OUTPUT_BIAS) != null)) {
            outputLayer(type, parameters);
        }
    }

    /**
     * The tensors of a sequence backward pass, checked: x, the initial state (c0 zeros when absent), the cell's
     * parameters (the output layer checked only if sent) and da.
     */
    SequenceBackward sequenceBackward(CellType type, SequenceInputs in) {
        Steps x = steps("x", in.x(), N_X);
        State initial = state(type, "a0", in.a0(), "c0", in.c0(), false);
        Map<String, Matrix> parameters = cellParameters(type, in.parameters());
        outputLayerIfSent(type, in.parameters());
        Steps da = steps("da", in.da(), N_A);
        return new SequenceBackward(x, initial, parameters, da);
    }

    /** What a sequence backward pass reads: usable once {@link #throwIfInvalid()} has passed. */
    record SequenceBackward(Steps x, State initial, Map<String, Matrix> parameters, Steps da) {
    }

    private Matrix parameter(String field, ParameterShape shape, @Nullable Tensor tensor) {
        return shape.isBias() ? bias(field, tensor, shape.rows()) : matrix(field, tensor, shape.rows(), shape.columns());
    }

    /** The size the request gave a symbol such as {@code n_y}, or {@code null} if no valid tensor showed it. */
    @Nullable Integer size(Symbol symbol) {
        return lookup(symbol);
    }

    /** Records a problem whose message names an expected shape, written when the check ends. */
    void rejectWithShape(String field, String before, Dimension[] dims, String after) {
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

    private boolean check(String field, @Nullable Tensor tensor, boolean required, Dimension... dims) {
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
            Map.Entry<Symbol, Integer> solved = dims[axis].solve(tensor.dimension(axis), this::lookup);
            if (solved != null) {
                define(solved.getKey(), solved.getValue());
            }
        }
        for (int axis = 0; axis < dims.length; axis++) {
            Integer want = dims[axis].value(this::lookup);
            if (want == null || want != tensor.dimension(axis)) {
                reject(field, () -> "expected shape " + expected(dims) + ", got " + tensor.shapeText() + note(dims));
                return false;
            }
        }
        return true;
    }

    /** What n_in is, when {@code dims} mention it and this check is a scope that knows. */
    private String note(Dimension... dims) {
        Supplier<String> note = this.inputNote;
        if (note == null || Arrays.stream(dims).flatMap(d -> d.terms().stream()).noneMatch(t -> t.symbol() == Symbol.N_IN)) {
            return "";
        }
        return "; " + note.get();
    }

    /** The expected shape with its symbols and, as far as they are known, their values: (n_a, n_a + n_x) = (5, 8). */
    private String expected(Dimension... dims) {
        String symbolic = "(" + Arrays.stream(dims).map(Dimension::toString).collect(Collectors.joining(", "))
                + (dims.length == 1 ? ",)" : ")");
        List<String> values = new ArrayList<>();
        boolean anyKnown = false;
        for (Dimension dim : dims) {
            Integer v = dim.value(this::lookup);
            anyKnown |= v != null && !dim.isConstant();
            values.add(v == null ? "?" : v.toString());
        }
        if (!anyKnown) {
            return symbolic;
        }
        return symbolic + " = (" + String.join(", ", values) + (dims.length == 1 ? ",)" : ")");
    }
}
