package com.rnnservice.math;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.math3.linear.RealMatrix;

/**
 * A cell's parameters stacked as its steps read them, each named parameter a view of the stack: W (G, n_a + n_x),
 * whose columns [0, n_a) multiply the hidden state (or what the cell makes of it) and [n_a, n_a + n_x) the input,
 * and b (B, 1), whose first G rows are the biases of W's rows. The layout is derived from the family's declaration
 * ({@link CellType}): every weight takes n_a rows of W, a new block of them unless it fills the columns the previous
 * weight left free, and every bias takes n_a rows of b, in the declared order.
 *
 * <p>So the input projection of every step is one multiply, W[:, n_a:]·[x_0 … x_T], and its gradients are
 * W[:, n_a:]ᵀ·dz and dz·xᵀ whatever the cell; the same layout holds a cell's gradients and an optimizer's moments.
 * Mutable: training updates the stack in place, and a cell built over it reads it at every step.
 */
public final class Parameters {

    private final CellType type;

    private final int hidden;

    private final int input;

    private final Matrix weights;

    private final Matrix biases;

    private final Map<String, Matrix> named;

    /** Where a parameter lies: n_a rows from row {@code block}·n_a of b (a bias), or of W, in some of its columns. */
    private record Region(int block, Columns columns) {
    }

    private Parameters(CellType type, int hidden, int input, Matrix weights, Matrix biases) {
        this.type = type;
        this.hidden = hidden;
        this.input = input;
        this.weights = weights;
        this.biases = biases;
        this.named = new LinkedHashMap<>();
        layout(type).forEach((name, region) -> this.named.put(name, switch (region.columns()) {
            case BIAS -> biases.view(region.block() * hidden, hidden, 0, 1);
            case HIDDEN -> weights.view(region.block() * hidden, hidden, 0, hidden);
            case INPUT -> weights.view(region.block() * hidden, hidden, hidden, input);
            case ALL -> weights.view(region.block() * hidden, hidden, 0, hidden + input);
        }));
    }

    /** The columns a parameter takes: of b, or of W. */
    private enum Columns {
        BIAS, HIDDEN, INPUT, ALL;

        static Columns of(ParameterShape p) {
            if (!p.rows().equals(Dimension.of(Symbol.N_A))) {
                throw new IllegalStateException(p.name() + " is declared " + p.shape() + ": a cell's parameters have n_a rows");
            }
            Dimension columns = p.columns();
            if (p.isBias()) {
                return BIAS;
            }
            if (columns.equals(Dimension.of(Symbol.N_A))) {
                return HIDDEN;
            }
            if (columns.equals(Dimension.of(Symbol.N_X))) {
                return INPUT;
            }
            if (columns.equals(Dimension.of(Symbol.N_A).plus(Symbol.N_X))) {
                return ALL;
            }
            throw new IllegalStateException(p.name() + " is declared " + p.shape()
                    + ": a cell's weights are (n_a, n_a), (n_a, n_x) or (n_a, n_a + n_x)");
        }
    }

    /**
     * Where each parameter of {@code type} lies, in the declared order: every weight a new block of W unless it takes
     * the columns the previous weight left free, every bias the next block of b.
     */
    private static Map<String, Region> layout(CellType type) {
        Map<String, Region> regions = new LinkedHashMap<>();
        int block = -1;
        int bias = 0;
        Columns previous = null;
        for (ParameterShape p : type.parameters()) {
            Columns columns = Columns.of(p);
            if (columns == Columns.BIAS) {
                regions.put(p.name(), new Region(bias++, columns));
                continue;
            }
            boolean sharesBlock = previous == Columns.INPUT && columns == Columns.HIDDEN
                    || previous == Columns.HIDDEN && columns == Columns.INPUT;
            if (!sharesBlock) {
                block++;
            }
            previous = sharesBlock ? Columns.ALL : columns;
            regions.put(p.name(), new Region(block, columns));
        }
        return regions;
    }

    /** The blocks of n_a rows of W that {@code type}'s layout stacks: G = blocks · n_a. */
    public static int weightBlocks(CellType type) {
        return stackRows(type)[0];
    }

    /** The blocks of n_a rows of W, and of b, that {@code type}'s layout takes. */
    private static int[] stackRows(CellType type) {
        int weights = 0;
        int biases = 0;
        for (Region region : layout(type).values()) {
            if (region.columns() == Columns.BIAS) {
                biases = Math.max(biases, region.block() + 1);
            }
            else {
                weights = Math.max(weights, region.block() + 1);
            }
        }
        return new int[] { weights, biases };
    }

    /** Zeros in the layout of {@code type} with n_a = {@code hidden} and n_x = {@code input}. */
    public static Parameters zeros(CellType type, int hidden, int input) {
        Check.that(hidden > 0 && input > 0, () -> "n_a and n_x are at least 1; got n_a = " + hidden + ", n_x = " + input);
        int[] rows = stackRows(type);
        return new Parameters(type, hidden, input, new Matrix(rows[0] * hidden, hidden + input),
                new Matrix(rows[1] * hidden, 1));
    }

    /**
     * The named matrices of a cell of this type, copied into its stack; other entries are left alone. n_a and n_x
     * are read from the shapes, and every shape is checked against the declaration.
     *
     * @throws IllegalArgumentException naming the parameter that is missing or of the wrong shape
     */
    public static Parameters of(CellType type, Map<String, ? extends RealMatrix> named) {
        Map<Symbol, Integer> sizes = sizes(type, named);
        Integer hidden = sizes.get(Symbol.N_A);
        Integer input = sizes.get(Symbol.N_X);
        Check.that(hidden != null && input != null, () -> "the shapes of " + type.noun() + "'s parameters do not give n_a and "
                + "n_x; got " + shapes(named));
        Parameters stacked = zeros(type, hidden, input);
        for (ParameterShape p : type.parameters()) {
            Check.shape(p.name(), named.get(p.name()), p.rows().value(sizes), p.columns().value(sizes), p.shape());
            stacked.named.get(p.name()).assign(Matrix.of(named.get(p.name())));
        }
        return stacked;
    }

    /** The sizes the named matrices show, each symbol solved from the first shape that gives it alone. */
    private static Map<Symbol, Integer> sizes(CellType type, Map<String, ? extends RealMatrix> named) {
        Map<Symbol, Integer> sizes = new EnumMap<>(Symbol.class);
        for (ParameterShape p : type.parameters()) {
            if (named.get(p.name()) == null) {
                throw new IllegalArgumentException(p.name() + " is missing: " + type.noun() + " cell needs "
                        + String.join(", ", type.parameters().stream().map(ParameterShape::name).toList()));
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (ParameterShape p : type.parameters()) {
                RealMatrix m = named.get(p.name());
                solve(p.rows(), m.getRowDimension(), sizes);
                solve(p.columns(), m.getColumnDimension(), sizes);
            }
        }
        return sizes;
    }

    private static void solve(Dimension dimension, int size, Map<Symbol, Integer> sizes) {
        Map.Entry<Symbol, Integer> solved = dimension.solve(size, sizes::get);
        if (solved != null) {
            sizes.put(solved.getKey(), solved.getValue());
        }
    }

    private static String shapes(Map<String, ? extends RealMatrix> named) {
        List<String> out = new ArrayList<>();
        named.forEach((name, m) -> out.add(name + " " + Check.shape(m)));
        return String.join(", ", out);
    }

    /** Zeros in this layout: a cell's gradients, an optimizer's moments. */
    public Parameters zerosLike() {
        return new Parameters(this.type, this.hidden, this.input, new Matrix(this.weights.rows, this.weights.cols),
                new Matrix(this.biases.rows, 1));
    }

    /** A copy, in arrays of its own. */
    public Parameters copy() {
        return new Parameters(this.type, this.hidden, this.input, this.weights.copy(), this.biases.copy());
    }

    public CellType type() {
        return this.type;
    }

    /** n_a. */
    public int hidden() {
        return this.hidden;
    }

    /** n_x. */
    public int input() {
        return this.input;
    }

    /** G, the rows of W: n_a for each block of weights. */
    public int rows() {
        return this.weights.rows;
    }

    /** The parameter of this name, a view of the stack. */
    public Matrix get(String name) {
        Matrix view = this.named.get(name);
        if (view == null) {
            throw new IllegalArgumentException(this.type.title() + " has no parameter " + name);
        }
        return view;
    }

    /** Every parameter by name, in the declared order, each a view of the stack. */
    public Map<String, Matrix> named() {
        return Collections.unmodifiableMap(this.named);
    }

    /** W, (G, n_a + n_x). */
    public Matrix weights() {
        return this.weights;
    }

    /** b, (B, 1). */
    public Matrix biases() {
        return this.biases;
    }

    /** W's columns that multiply the hidden state, (G, n_a). */
    public Matrix hiddenColumns() {
        return this.weights.columns(0, this.hidden);
    }

    /** W's columns that multiply the input, (G, n_x). */
    public Matrix inputColumns() {
        return this.weights.columns(this.hidden, this.hidden + this.input);
    }

    /** The biases of W's rows, the first G rows of b. */
    public Matrix rowBiases() {
        return this.biases.rows(0, this.weights.rows);
    }

    /**
     * The hidden columns of consecutive weights, (k·n_a, n_a): where a sum over steps of what multiplied the hidden
     * state is written in one multiply.
     *
     * @throws IllegalArgumentException if the weights are not consecutive blocks of W with their hidden columns
     */
    Matrix hiddenRows(List<String> names) {
        Map<String, Region> regions = layout(this.type);
        int first = regions.get(names.get(0)).block();
        for (int k = 0; k < names.size(); k++) {
            Region region = regions.get(names.get(k));
            if (region == null || region.block() != first + k
                    || region.columns() != Columns.HIDDEN && region.columns() != Columns.ALL) {
                throw new IllegalArgumentException(names + " are not consecutive blocks of " + this.type.noun()
                        + "'s stacked weights with their hidden columns");
            }
        }
        return this.weights.view(first * this.hidden, names.size() * this.hidden, 0, this.hidden);
    }
}
