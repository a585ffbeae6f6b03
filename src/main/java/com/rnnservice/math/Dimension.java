package com.rnnservice.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One dimension of a symbolic shape: whole multiples of symbols and a constant, summed, such as {@code n_a + n_x},
 * {@code 4·n_a} or {@code 1}. A parameter's declared shape is two of them; a shape check evaluates them against the
 * sizes a request binds, or binds the one symbol a given size leaves unknown.
 *
 * @param terms the symbols with their multiples, in the order they are written
 * @param constant the constant added
 */
public record Dimension(List<Term> terms, int constant) {

    /**
     * {@code multiple · symbol}.
     *
     * @param multiple at least 1
     */
    public record Term(int multiple, Symbol symbol) {

        @Override
        public String toString() {
            return this.multiple == 1 ? this.symbol.toString() : this.multiple + "·" + this.symbol;
        }
    }

    public Dimension {
        terms = List.copyOf(terms);
    }

    /** A single symbol: {@code n_a}. */
    public static Dimension of(Symbol symbol) {
        return new Dimension(List.of(new Term(1, symbol)), 0);
    }

    /** A constant: the {@code 1} of a bias's shape. */
    public static Dimension constant(int value) {
        return new Dimension(List.of(), value);
    }

    /** {@code multiple · symbol}: {@code 4·n_a}. */
    public static Dimension times(int multiple, Symbol symbol) {
        return new Dimension(List.of(new Term(multiple, symbol)), 0);
    }

    /** This dimension plus {@code symbol}: {@code n_a + n_x}. */
    public Dimension plus(Symbol symbol) {
        List<Term> more = new ArrayList<>(this.terms);
        more.add(new Term(1, symbol));
        return new Dimension(more, this.constant);
    }

    /** This dimension with every {@code from} written as {@code to}: a layer's weights read n_in where a cell's read n_x. */
    public Dimension replace(Symbol from, Symbol to) {
        return new Dimension(this.terms.stream().map(t -> t.symbol() == from ? new Term(t.multiple(), to) : t).toList(),
                this.constant);
    }

    /** Whether it is a plain number, with no symbol. */
    public boolean isConstant() {
        return this.terms.isEmpty();
    }

    /** Its size where every symbol is known ({@code sizes} gives {@code null} for an unknown one), else {@code null}. */
    public @Nullable Integer value(Function<Symbol, @Nullable Integer> sizes) {
        long sum = this.constant;
        for (Term term : this.terms) {
            Integer size = sizes.apply(term.symbol());
            if (size == null) {
                return null;
            }
            sum += (long) term.multiple() * size;
        }
        return sum > Integer.MAX_VALUE ? null : (int) sum;
    }

    /** Its size at these sizes; every symbol it has must be among them. */
    public int value(Map<Symbol, Integer> sizes) {
        Integer size = value(sizes::get);
        if (size == null) {
            throw new IllegalArgumentException(this + " needs a size for each of its symbols; got " + sizes);
        }
        return size;
    }

    /**
     * The one symbol that {@code size} gives a value to, where every other symbol is known: the symbol and its
     * value, or {@code null} if more than one is unknown, none is, or the value would not be a positive whole number.
     */
    public Map.@Nullable Entry<Symbol, Integer> solve(int size, Function<Symbol, @Nullable Integer> sizes) {
        Term unknown = null;
        long known = this.constant;
        for (Term term : this.terms) {
            Integer value = sizes.apply(term.symbol());
            if (value != null) {
                known += (long) term.multiple() * value;
            }
            else if (unknown == null) {
                unknown = term;
            }
            else {
                return null;
            }
        }
        if (unknown == null) {
            return null;
        }
        long rest = size - known;
        if (rest <= 0 || rest % unknown.multiple() != 0) {
            return null;
        }
        return Map.entry(unknown.symbol(), (int) (rest / unknown.multiple()));
    }

    /** As the exercise writes it: {@code n_a + n_x}, {@code 4·n_a}, {@code 1}. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>(this.terms.stream().map(Term::toString).toList());
        if (this.constant != 0 || parts.isEmpty()) {
            parts.add(Integer.toString(this.constant));
        }
        return String.join(" + ", parts);
    }
}
