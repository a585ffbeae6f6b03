package com.rnnservice.math;

/**
 * A parameter of a cell: its name, its shape in symbols, and what it is. {@code Wf} is (n_a, n_a + n_x),
 * {@code bf} is (n_a, 1).
 *
 * @param name the seed's name ({@code Wax}, {@code bf}, ...)
 * @param rows the rows, in symbols
 * @param columns the columns, in symbols; the constant 1 for a bias
 * @param description what it is, for a reader of the API's documentation ("Forget-gate weights")
 */
public record ParameterShape(String name, Dimension rows, Dimension columns, String description) {

    /** A weight matrix of shape (rows, columns). */
    public static ParameterShape matrix(String name, Dimension rows, Dimension columns, String description) {
        return new ParameterShape(name, rows, columns, description);
    }

    /** A bias, (rows, 1). */
    public static ParameterShape bias(String name, Dimension rows, String description) {
        return new ParameterShape(name, rows, Dimension.constant(1), description);
    }

    /** Whether this is a bias, (rows, 1). */
    public boolean isBias() {
        return this.columns.isConstant() && this.columns.constant() == 1;
    }

    /** The name of this parameter's gradient: {@code Wax} → {@code dWax}. */
    public String gradientName() {
        return "d" + this.name;
    }

    /** This parameter in a network layer, whose input has n_in rows where a single cell's has n_x. */
    public ParameterShape inLayer() {
        return new ParameterShape(this.name, this.rows.replace(Symbol.N_X, Symbol.N_IN),
                this.columns.replace(Symbol.N_X, Symbol.N_IN), this.description);
    }

    /** The shape in symbols: {@code (n_a, n_a + n_x)}. */
    public String shape() {
        return "(" + this.rows + ", " + this.columns + ")";
    }
}
