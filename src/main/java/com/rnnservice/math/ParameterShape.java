package com.rnnservice.math;

/**
 * The name and symbolic shape of one parameter, as the seed writes it: {@code Wf} is
 * (n_a, n_a + n_x), {@code bf} is (n_a, 1). A dimension is a symbol or a sum of symbols joined by
 * {@code " + "}; a bias has the single column {@code "1"}.
 *
 * @param name the parameter's name, as in the seed ({@code Wax}, {@code bf}, ...)
 * @param rows the symbolic row count
 * @param columns the symbolic column count, {@code "1"} for a bias
 */
public record ParameterShape(String name, String rows, String columns) {

    /** A weight matrix of shape (rows, columns). */
    public static ParameterShape matrix(String name, String rows, String columns) {
        return new ParameterShape(name, rows, columns);
    }

    /** A bias of shape (rows, 1). */
    public static ParameterShape bias(String name, String rows) {
        return new ParameterShape(name, rows, "1");
    }

    /** Whether this is a bias, (rows, 1). */
    public boolean isBias() {
        return "1".equals(this.columns);
    }

    /** The name of this parameter's gradient: {@code Wax} → {@code dWax}. */
    public String gradientName() {
        return "d" + this.name;
    }
}
