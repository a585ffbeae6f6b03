package com.rnnservice.api;

import java.util.ArrayList;
import java.util.List;

import com.rnnservice.api.Message.Field;
import com.rnnservice.api.Message.ListField;
import com.rnnservice.api.Message.ObjectField;
import com.rnnservice.api.Message.TensorField;
import com.rnnservice.api.Message.TensorListField;
import com.rnnservice.api.Message.TensorMapField;
import com.rnnservice.api.Message.ValueField;
import com.rnnservice.math.CellType;
import com.rnnservice.math.CellType.Named;
import com.rnnservice.math.ParameterShape;

/**
 * Every endpoint's request and answer, derived from a cell family's declaration: the fields a family's states,
 * gates and parameters give, with the words that document them. The reader accepts exactly these fields; the
 * OpenAPI document shows them; the service's answers hold them (a test holds every answer to its message).
 */
final class Messages {

    private static final String SHAPE_X = "(n_x, m, T_x)";

    private Messages() {
    }

    // ---------------------------------------------------------------- the family's own pieces

    /** The family's name as a schema name's prefix: {@code lstm} → {@code Lstm}, {@code gru-reset-after} → {@code GruResetAfter}. */
    static String prefix(CellType type) {
        StringBuilder out = new StringBuilder();
        for (String part : type.name().split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    /** A sentence's start naming one of the family: "An LSTM", "A GRU". */
    static String capitalized(CellType type) {
        return Character.toUpperCase(type.noun().charAt(0)) + type.noun().substring(1);
    }

    private static String shape(ParameterShape p) {
        return p.isBias() ? "(" + p.rows() + ", 1) or (" + p.rows() + ",)" : p.shape();
    }

    private static String names(CellType type) {
        return String.join(", ", type.parameters().stream().map(ParameterShape::name).toList());
    }

    private static String outputLayer(CellType type) {
        return type.outputWeights() + ", " + CellType.OUTPUT_BIAS;
    }

    /** The cell's parameters and its output layer, as a single cell's request sends them. */
    static Message parameters(CellType type) {
        List<Field> fields = new ArrayList<>();
        for (ParameterShape p : type.parameters()) {
            fields.add(new TensorField(p.name(), 2, p.description() + ", " + shape(p)));
        }
        fields.add(new TensorField(type.outputWeights(), 2,
                "Output weights, (n_y, n_a); used by forward passes, losses and training"));
        fields.add(new TensorField(CellType.OUTPUT_BIAS, 2,
                "Output bias, (n_y, 1) or (n_y,); used by forward passes, losses and training"));
        return new Message(prefix(type) + "Parameters", "The " + type.title() + "'s parameters. Backward passes do not use "
                + type.outputWeights() + " and " + CellType.OUTPUT_BIAS + " and accept them absent.", fields);
    }

    /** One direction of a network layer: the cell's parameters, read n_in where a single cell's read n_x. */
    static Message layerParameters(CellType type) {
        List<Field> fields = new ArrayList<>();
        for (ParameterShape p : type.parameters()) {
            fields.add(new TensorField(p.name(), 2, p.description() + ", " + shape(p.inLayer())));
        }
        return new Message(prefix(type) + "LayerParameters", "One direction of " + type.noun() + " layer. n_in is the "
                + "layer's input size: n_x for layer 0, the output size of the layer below otherwise (n_a, or 2·n_a when "
                + "it is bidirectional).", fields);
    }

    /** Every parameter's gradient, d&lt;name&gt;, each of its parameter's shape, as an answer holds them. */
    private static List<Field> parameterGradients(CellType type, boolean layer) {
        List<Field> fields = new ArrayList<>();
        for (ParameterShape p : type.parameters()) {
            ParameterShape shape = layer ? p.inLayer() : p;
            fields.add(new TensorField(p.gradientName(), 2, "∂L/∂" + p.name() + ", " + shape.shape()));
        }
        return fields;
    }

    /** Every parameter after training, each of its shape, as an answer holds them. */
    private static List<Field> trainedParameters(CellType type, boolean layer) {
        List<Field> fields = new ArrayList<>();
        for (ParameterShape p : type.parameters()) {
            ParameterShape shape = layer ? p.inLayer() : p;
            fields.add(new TensorField(p.name(), 2, p.description() + ", " + shape.shape()));
        }
        return fields;
    }

    private static String statesWord(CellType type) {
        return type.hasMemory() ? "hidden and cell states" : "hidden state";
    }

    private static String gateNames(CellType type) {
        return String.join(", ", type.gates().stream().map(Named::name).toList());
    }

    // ---------------------------------------------------------------- cell

    static Message cellForwardRequest(CellType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("xt", 2, "Input at this step, (n_x, m)"));
        fields.add(new TensorField("a_prev", 2, "Hidden state before the step, (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("c_prev", 2, "Cell state before the step, (n_a, m)"));
        }
        fields.add(new ObjectField("parameters", parameters(type), names(type) + ", " + outputLayer(type)));
        return new Message(prefix(type) + "CellForwardRequest", "One " + type.title() + " step: the input at this step "
                + "and the " + statesWord(type) + " before it.", fields);
    }

    static Message cellForwardResponse(CellType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("a_next", 2, type.states().get(0).formula() + ", (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("c_next", 2, type.states().get(1).formula() + ", (n_a, m)"));
        }
        fields.add(new TensorField("yt_pred", 2, "softmax(" + type.outputWeights() + "·a_next + by) over each column, (n_y, m)"));
        if (!type.gates().isEmpty()) {
            List<Field> gates = new ArrayList<>();
            for (Named gate : type.gates()) {
                gates.add(new TensorField(gate.name(), 2, gate.description() + " " + gate.formula()));
            }
            fields.add(new ObjectField("gates", new Message(prefix(type) + "Gates", "The gate activations of one step, "
                    + "each (n_a, m).", gates), "The gates, with concat = [a_prev; xt]"));
        }
        return new Message(prefix(type) + "CellForwardResponse", "The next " + statesWord(type) + ", the prediction"
                + (type.gates().isEmpty() ? "." : " and the gates."), fields);
    }

    static Message cellBackwardRequest(CellType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("xt", 2, "Input at this step, (n_x, m)"));
        fields.add(new TensorField("a_prev", 2, "Hidden state before the step, (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("c_prev", 2, "Cell state before the step, (n_a, m)"));
        }
        fields.add(new ObjectField("parameters", parameters(type), names(type) + " (" + outputLayer(type)
                + " optional and unused)"));
        fields.add(new TensorField("da_next", 2, "∂L/∂a_next, (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("dc_next", 2, "∂L/∂c_next, (n_a, m)"));
        }
        return new Message(prefix(type) + "CellBackwardRequest", "One " + type.title() + " step backward: the forward "
                + "step's inputs and the gradient" + (type.hasMemory() ? "s" : "") + " of the loss with respect to a_next"
                + (type.hasMemory() ? " and c_next." : "."), fields);
    }

    static Message cellBackwardResponse(CellType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("dxt", 2, "∂L/∂xt, (n_x, m)"));
        fields.add(new TensorField("da_prev", 2, "∂L/∂a_prev, (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("dc_prev", 2, "∂L/∂c_prev, (n_a, m)"));
        }
        fields.addAll(parameterGradients(type, false));
        return new Message(prefix(type) + "CellBackwardResponse", "Gradients of the loss with respect to the step's "
                + "input, previous state" + (type.hasMemory() ? "s" : "") + " and parameters.", fields);
    }

    // ---------------------------------------------------------------- sequence

    /** x, a0, and c0 where the family has a memory (or, {@code c0Always}, for every family, as the training endpoints take it). */
    private static List<Field> sequenceStart(CellType type, boolean c0Always, String c0Description) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("x", 3, "Inputs of every step, " + SHAPE_X));
        fields.add(new TensorField("a0", 2, "Initial hidden state, (n_a, m)"));
        if (type.hasMemory() || c0Always) {
            fields.add(new TensorField("c0", 2, c0Description));
        }
        return fields;
    }

    static Message sequenceForwardRequest(CellType type) {
        List<Field> fields = sequenceStart(type, false, "Initial cell state, (n_a, m); zeros when absent, as in the seed");
        fields.add(new ObjectField("parameters", parameters(type), names(type) + ", " + outputLayer(type)));
        fields.add(new ValueField("return_gates", Boolean.class, type.gates().isEmpty()
                ? "Accepted for symmetry with the cells that have gates: the " + type.title() + " has none, so its "
                        + "answer never carries any"
                : "Also return every gate at every step", false, null));
        return new Message(prefix(type) + "SequenceForwardRequest", capitalized(type) + " over a whole sequence: the "
                + "inputs of every step and the initial " + (type.hasMemory() ? "states." : "hidden state."), fields);
    }

    static Message sequenceForwardResponse(CellType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("a", 3, "Hidden states, (n_a, m, T_x)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("c", 3, "Cell states, (n_a, m, T_x)"));
        }
        fields.add(new TensorField("y_pred", 3, "Predictions, (n_y, m, T_x)"));
        if (!type.gates().isEmpty()) {
            List<Field> gates = new ArrayList<>();
            for (Named gate : type.gates()) {
                gates.add(new TensorField(gate.name(), 3, gate.description() + " " + gate.formula() + " at every step"));
            }
            fields.add(new ObjectField("gates", new Message(prefix(type) + "SequenceGates", "The gate activations of "
                    + "every step, each (n_a, m, T_x); [:, :, t] is step t's.", gates),
                    "Every gate at every step; only when return_gates is true"));
        }
        return new Message(prefix(type) + "SequenceForwardResponse", "The " + (type.hasMemory()
                ? "hidden states, cell states" : "hidden states") + " and predictions of every step"
                + (type.gates().isEmpty() ? "." : ", and the gates if asked for."), fields);
    }

    static Message sequenceBackwardRequest(CellType type) {
        List<Field> fields = sequenceStart(type, false, "Initial cell state, (n_a, m); zeros when absent");
        fields.add(new ObjectField("parameters", parameters(type), names(type) + " (" + outputLayer(type)
                + " optional and unused)"));
        fields.add(new TensorField("da", 3, "∂L/∂a⟨t⟩ from outside the recurrence for every step, (n_a, m, T_x)"
                + (type.hasMemory() ? "; no gradient enters the last cell state" : "")));
        return new Message(prefix(type) + "SequenceBackwardRequest", "Backpropagation through time: the forward pass's "
                + "inputs and the upstream gradient of every hidden state.", fields);
    }

    static Message sequenceBackwardResponse(CellType type) {
        List<Field> fields = new ArrayList<>();
        fields.add(new TensorField("dx", 3, "∂L/∂x, " + SHAPE_X));
        fields.add(new TensorField("da0", 2, "∂L/∂a0, (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("dc0", 2, "∂L/∂c0, (n_a, m)"));
        }
        fields.addAll(parameterGradients(type, false));
        return new Message(prefix(type) + "SequenceBackwardResponse", "Gradients of the loss with respect to the inputs, "
                + "the initial state" + (type.hasMemory() ? "s" : "") + " and the parameters (summed over time).", fields);
    }

    // ---------------------------------------------------------------- loss, training, gradient check

    private static String c0ForTraining(CellType type) {
        return type.hasMemory() ? "Initial cell state, (n_a, m); zeros when absent"
                : "Not used: the " + type.title() + " has no cell state, and sending one is an error";
    }

    private static List<Field> labels(String labels, String mask) {
        return List.of(new TensorField("labels", 2, labels), new TensorField("mask", 2, mask));
    }

    private static List<Field> lossLabels() {
        return labels("Class indices, whole numbers in [0, n_y), of shape (m, T_x); or one-hot targets (any distribution "
                + "over the classes) of shape (n_y, m, T_x)", "Optional (m, T_x) of 0 and 1: 0 leaves that example's step "
                        + "out of the loss (padding of variable-length sequences); the divisor stays m");
    }

    static Message sequenceLossRequest(CellType type) {
        List<Field> fields = sequenceStart(type, true, c0ForTraining(type));
        fields.add(new ObjectField("parameters", parameters(type), "The cell's parameters and its output layer"));
        fields.addAll(lossLabels());
        return new Message(prefix(type) + "SequenceLossRequest", "A sequence, the network's parameters (output layer "
                + "included) and the labels to score its predictions against.", fields);
    }

    static Message sequenceLossResponse(CellType type) {
        List<Field> gradients = new ArrayList<>();
        gradients.add(new TensorField("dx", 3, "∂L/∂x, " + SHAPE_X));
        gradients.add(new TensorField("da0", 2, "∂L/∂a0, (n_a, m)"));
        if (type.hasMemory()) {
            gradients.add(new TensorField("dc0", 2, "∂L/∂c0, (n_a, m)"));
        }
        gradients.addAll(parameterGradients(type, false));
        gradients.add(new TensorField("d" + type.outputWeights(), 2, "∂L/∂" + type.outputWeights() + ", (n_y, n_a)"));
        gradients.add(new TensorField("dby", 2, "∂L/∂by, (n_y, 1)"));
        return new Message(prefix(type) + "SequenceLossResponse", "The loss, (1/m) Σ_t Σ_j mask · −log softmax("
                + type.outputWeights() + "·a⟨t⟩ + by)[label], and its gradient with respect to the inputs, the initial "
                + "state" + (type.hasMemory() ? "s" : "") + " and every parameter, the output layer's included.",
                List.of(new ValueField("loss", Double.class, "Softmax cross-entropy summed over time steps, averaged over "
                        + "the batch"), new ObjectField("gradients", new Message(prefix(type) + "LossGradients",
                                "Every gradient of the loss, each of its variable's shape.", gradients),
                                "dx, da0" + (type.hasMemory() ? ", dc0" : "") + ", then d<name> for every parameter")));
    }

    static Message optimizer() {
        return new Message("OptimizerSpec", "The optimizer: sgd (θ ← θ − η·g) or adam (Kingma & Ba, with bias correction).",
                List.of(new ValueField("name", String.class, "\"sgd\" or \"adam\"", null, "adam"),
                        new ValueField("learning_rate", Double.class, "η, required", null, 0.05),
                        new ValueField("beta1", Double.class, "Adam's β1, default 0.9"),
                        new ValueField("beta2", Double.class, "Adam's β2, default 0.999"),
                        new ValueField("epsilon", Double.class, "Adam's ε, default 1e-8")));
    }

    static Message stateRequest() {
        return new Message("StateSpec", "An optimizer state, exactly as an earlier answer returned it.",
                List.of(new ValueField("step", Integer.class, "Steps taken so far"),
                        new TensorMapField("m", 2, "Adam's first moments by parameter name"),
                        new TensorMapField("v", 2, "Adam's second moments by parameter name")));
    }

    static Message stateResponse() {
        return new Message("StateResponse", "The optimizer's memory: pass it back to continue training.",
                List.of(new ValueField("step", Integer.class, "Steps taken so far"),
                        new TensorMapField("m", 2, "Adam's first moments (adam only)"),
                        new TensorMapField("v", 2, "Adam's second moments (adam only)")));
    }

    /** steps, optimizer, clipping and the state to continue from: what every training request adds to its loss request. */
    private static List<Field> training(String clipNorm, String state) {
        return List.of(new ValueField("steps", Integer.class, "Optimizer steps, default 1"),
                new ObjectField("optimizer", optimizer(), "The optimizer"),
                new ValueField("clip_value", Double.class, "Clip every gradient entry to [−v, v] (the course's clip); "
                        + "applied first"),
                new ValueField("clip_norm", Double.class, clipNorm),
                new ObjectField("state", stateRequest(), state));
    }

    static Message trainRequest(CellType type) {
        List<Field> fields = sequenceStart(type, true, c0ForTraining(type));
        fields.add(new ObjectField("parameters", parameters(type), "The parameters to start from, output layer included"));
        fields.addAll(labels("Class indices (m, T_x) or one-hot targets (n_y, m, T_x)", "Optional (m, T_x) of 0 and 1"));
        fields.addAll(training("Scale all gradients by min(1, clip_norm / (‖g‖ + 1e-6)), ‖g‖ the global L2 norm, as "
                + "PyTorch's clip_grad_norm_; applied after clip_value", "The state of an earlier answer, to continue "
                        + "exactly where it stopped"));
        return new Message(prefix(type) + "TrainRequest", "A loss request plus how to train: optimizer steps on this one "
                + "batch.", fields);
    }

    static Message trainResponse(CellType type) {
        List<Field> parameters = trainedParameters(type, false);
        parameters.add(new TensorField(type.outputWeights(), 2, "Output weights, (n_y, n_a)"));
        parameters.add(new TensorField(CellType.OUTPUT_BIAS, 2, "Output bias, (n_y, 1)"));
        return new Message(prefix(type) + "TrainResponse", "The trained parameters, the loss before each step and the "
                + "optimizer's state.", List.of(
                        new ObjectField("parameters", new Message(prefix(type) + "TrainedParameters", "Every parameter "
                                + "after the last step, by name, output layer included.", parameters),
                                "Every parameter after the last step, by name, output layer included"),
                        new TensorField("losses", 1, "The loss before each step"),
                        new ObjectField("state", stateResponse(), "Pass it back as 'state' to continue")));
    }

    static Message gradientCheckRequest(CellType type) {
        List<Field> fields = sequenceStart(type, true, c0ForTraining(type));
        fields.add(new ObjectField("parameters", parameters(type), "The cell's parameters (output layer optional and "
                + "unused)"));
        fields.add(new TensorField("da", 3, "∂L/∂a⟨t⟩ for every step, (n_a, m, T_x): the check differentiates "
                + "L = Σ_t sum(a⟨t⟩ ⊙ da[:, :, t])"));
        fields.add(new ValueField("epsilon", Double.class, "The step ε of the central differences, default 1e-7"));
        fields.add(new ValueField("threshold", Double.class, "A relative difference below it passes, default 1e-7"));
        fields.add(new ValueField("max_entries", Integer.class, "The most entries to perturb (two forward passes each), "
                + "default 10000, at most rnn.limits.gradient-check-max-entries"));
        return new Message(prefix(type) + "GradientCheckRequest", "A sequence backward request, and how to check its "
                + "gradients.", fields);
    }

    static Message gradientCheckResponse(CellType type) {
        Message check = new Message("CheckResult", "One gradient's check.", List.of(
                new ValueField("relative_difference", Double.class, "‖g − g_num‖ / (‖g‖ + ‖g_num‖), 0 when both are 0"),
                new ValueField("passed", Boolean.class, "relative_difference < threshold")));
        List<Field> results = new ArrayList<>();
        results.add(new ObjectField("dx", check, "∂L/∂x against central differences"));
        results.add(new ObjectField("da0", check, "∂L/∂a0 against central differences"));
        if (type.hasMemory()) {
            results.add(new ObjectField("dc0", check, "∂L/∂c0 against central differences"));
        }
        for (ParameterShape p : type.parameters()) {
            results.add(new ObjectField(p.gradientName(), check, "∂L/∂" + p.name() + " against central differences"));
        }
        return new Message(prefix(type) + "GradientCheckResponse", "Whether every gradient agrees with central "
                + "differences, and each one's relative difference.", List.of(
                        new ValueField("passed", Boolean.class, "Every gradient passed"),
                        new ObjectField("results", new Message(prefix(type) + "GradientCheckResults", "Each gradient's "
                                + "check, by gradient name.", results), "By gradient name: dx, da0"
                                        + (type.hasMemory() ? ", dc0" : "") + ", then every parameter's")));
    }

    // ---------------------------------------------------------------- networks

    private static Message layer(CellType type) {
        Message parameters = layerParameters(type);
        return new Message(prefix(type) + "NetworkLayer", "One layer: a forward direction and, for a bidirectional layer, "
                + "a reverse one that reads t = T_x − 1 down to 0. The layer's output at step t is a_fwd⟨t⟩, or "
                + "[a_fwd⟨t⟩; a_bwd⟨t⟩] (2·n_a rows) when it is bidirectional. Missing initial states are zeros.",
                List.of(new ObjectField("forward", parameters, "The forward direction's parameters", true),
                        new ObjectField("backward", parameters, "The reverse direction's parameters; present makes the "
                                + "layer bidirectional"),
                        new TensorField("a0", 2, "The forward direction's initial hidden state, (n_a, m); zeros when absent"),
                        new TensorField("c0", 2, type.hasMemory() ? "The forward direction's initial cell state, (n_a, m); "
                                + "zeros when absent" : c0ForTraining(type)),
                        new TensorField("a0_backward", 2, "The reverse direction's initial hidden state (before "
                                + "t = T_x − 1), (n_a, m); zeros when absent"),
                        new TensorField("c0_backward", 2, type.hasMemory() ? "The reverse direction's initial cell "
                                + "state, (n_a, m); zeros when absent" : c0ForTraining(type))));
    }

    private static ListField layers(CellType type, String description) {
        return new ListField("layers", layer(type), description);
    }

    private static Message output() {
        return new Message("NetworkOutput", "The output layer on the top layer's output: y_pred⟨t⟩ = softmax(Wy·a⟨t⟩ + by).",
                List.of(new TensorField("Wy", 2, "Output weights, (n_y, n_out), n_out the top layer's output size"),
                        new TensorField("by", 2, "Output bias, (n_y, 1) or (n_y,)")));
    }

    private static TensorField networkInput() {
        return new TensorField("x", 3, "Inputs of every step, " + SHAPE_X);
    }

    static Message networkForwardRequest(CellType type) {
        return new Message(prefix(type) + "NetworkForwardRequest", "A sequence and a network's layers, bottom first; "
                + "optionally an output layer.", List.of(networkInput(), layers(type, "The layers, bottom first"),
                        new ObjectField("output", output(), "Optional: predictions y_pred at every step"),
                        new ValueField("return_layers", Boolean.class, "Also return every layer's output, default false")));
    }

    static Message networkForwardResponse(CellType type) {
        return new Message("NetworkForwardResponse", "The top layer's output, predictions when an output layer was given, "
                + "every layer's output when asked for.", List.of(
                        new TensorField("a", 3, "The top layer's output at every step, (n_out, m, T_x)"),
                        new TensorField("y_pred", 3, "softmax(Wy·a⟨t⟩ + by) at every step, (n_y, m, T_x); only with an "
                                + "output layer"),
                        new ListField("layers", new Message("NetworkLayerOutput", "One layer's output at every step.",
                                List.of(new TensorField("a", 3, "(n_a or 2·n_a, m, T_x)"))),
                                "Every layer's output, bottom first; only with return_layers")));
    }

    static Message networkBackwardRequest(CellType type) {
        return new Message(prefix(type) + "NetworkBackwardRequest", "A sequence, a network's layers and the upstream "
                + "gradient of its top output.", List.of(networkInput(), layers(type, "The layers, bottom first"),
                        new TensorField("da", 3, "∂L/∂a_top⟨t⟩ for every step, (n_out, m, T_x): the pass differentiates "
                                + "L = Σ_t sum(a_top⟨t⟩ ⊙ da[:, :, t])")));
    }

    private static Message layerGradients(CellType type) {
        Message directions = new Message(prefix(type) + "LayerGradients", "One direction's parameter gradients, "
                + "d<name>, each of its parameter's shape.", parameterGradients(type, true));
        List<Field> fields = new ArrayList<>();
        fields.add(new ObjectField("forward", directions, "The forward direction's parameter gradients"));
        fields.add(new ObjectField("backward", directions, "The reverse direction's; bidirectional layers only"));
        fields.add(new TensorField("da0", 2, "∂L/∂a0, (n_a, m)"));
        if (type.hasMemory()) {
            fields.add(new TensorField("dc0", 2, "∂L/∂c0, (n_a, m)"));
        }
        fields.add(new TensorField("da0_backward", 2, "∂L/∂a0_backward, (n_a, m); bidirectional layers only"));
        if (type.hasMemory()) {
            fields.add(new TensorField("dc0_backward", 2, "∂L/∂c0_backward, (n_a, m); bidirectional layers only"));
        }
        return new Message(prefix(type) + "NetworkLayerGradients", "One layer's gradients: each direction's parameters "
                + "(d<name>) and initial states.", fields);
    }

    private static List<Field> networkGradients(CellType type) {
        return List.of(new TensorField("dx", 3, "∂L/∂x, " + SHAPE_X),
                new ListField("layers", layerGradients(type), "Every layer's gradients, bottom first"));
    }

    static Message networkBackwardResponse(CellType type) {
        return new Message(prefix(type) + "NetworkBackwardResponse", "The gradient of the input and of every layer's "
                + "parameters and initial states.", networkGradients(type));
    }

    static Message networkLossRequest(CellType type) {
        List<Field> fields = new ArrayList<>(List.of(networkInput(), layers(type, "The layers, bottom first"),
                new ObjectField("output", output(), "The output layer, required")));
        fields.addAll(labels("Class indices, whole numbers in [0, n_y), of shape (m, T_x); or one-hot targets (any "
                + "distribution over the classes) of shape (n_y, m, T_x)", "Optional (m, T_x) of 0 and 1: 0 leaves that "
                        + "example's step out of the loss; the divisor stays m"));
        return new Message(prefix(type) + "NetworkLossRequest", "A sequence, a network with its output layer, and the "
                + "labels to score its predictions against.", fields);
    }

    static Message networkLossResponse(CellType type) {
        List<Field> gradients = new ArrayList<>(networkGradients(type));
        gradients.add(new ObjectField("output", new Message("NetworkOutputGradients", "The output layer's gradients.",
                List.of(new TensorField("dWy", 2, "∂L/∂Wy, (n_y, n_out)"), new TensorField("dby", 2, "∂L/∂by, (n_y, 1)"))),
                "dWy and dby"));
        return new Message(prefix(type) + "NetworkLossResponse", "The loss, (1/m) Σ_t Σ_j mask · −log "
                + "softmax(Wy·a_top⟨t⟩ + by)[label], and every gradient.", List.of(
                        new ValueField("loss", Double.class, "Softmax cross-entropy summed over time steps, averaged over "
                                + "the batch"),
                        new ObjectField("gradients", new Message(prefix(type) + "NetworkLossGradients", "Every gradient of "
                                + "the loss.", gradients), "dx, every layer's, and the output layer's")));
    }

    static Message networkTrainRequest(CellType type) {
        List<Field> fields = new ArrayList<>(List.of(networkInput(), layers(type, "The layers to start from, bottom first"),
                new ObjectField("output", output(), "The output layer to start from, required")));
        fields.addAll(labels("Class indices (m, T_x) or one-hot targets (n_y, m, T_x)", "Optional (m, T_x) of 0 and 1"));
        fields.addAll(training("Scale all gradients by min(1, clip_norm / (‖g‖ + 1e-6)), ‖g‖ the global L2 norm over "
                + "every layer and the output layer; applied after clip_value", "The state of an earlier answer, to "
                        + "continue exactly where it stopped; its moments are keyed by parameter path "
                        + "(layers[0].forward.Wf, ..., output.Wy, output.by)"));
        return new Message(prefix(type) + "NetworkTrainRequest", "A network loss request plus how to train: optimizer "
                + "steps on this one batch. Every layer's and direction's parameters and the output layer train; initial "
                + "states do not.", fields);
    }

    static Message networkTrainResponse(CellType type) {
        Message directions = new Message(prefix(type) + "TrainedLayerParameters", "One direction's parameters after the "
                + "last step.", trainedParameters(type, true));
        List<Field> layer = new ArrayList<>();
        layer.add(new ObjectField("forward", directions, "The forward direction's parameters"));
        layer.add(new ObjectField("backward", directions, "The reverse direction's; bidirectional layers only"));
        layer.add(new TensorField("a0", 2, "As sent"));
        layer.add(new TensorField("c0", 2, "As sent"));
        layer.add(new TensorField("a0_backward", 2, "As sent"));
        layer.add(new TensorField("c0_backward", 2, "As sent"));
        return new Message(prefix(type) + "NetworkTrainResponse", "The trained layers and output layer, the loss before "
                + "each step and the optimizer's state.", List.of(
                        new ListField("layers", new Message(prefix(type) + "NetworkTrainedLayer", "A trained layer: each "
                                + "direction's parameters, and the initial states the request sent, unchanged, so that the "
                                + "layers can be sent back as they are.", layer), "Every layer after the last step, bottom first"),
                        new ObjectField("output", new Message("NetworkTrainedOutput", "The trained output layer.",
                                List.of(new TensorField("Wy", 2, "Output weights, (n_y, n_out)"),
                                        new TensorField("by", 2, "Output bias, (n_y, 1)"))),
                                "The output layer after the last step"),
                        new TensorField("losses", 1, "The loss before each step"),
                        new ObjectField("state", stateResponse(), "Pass it back as 'state' to continue")));
    }

    // ---------------------------------------------------------------- randn

    /** The answer of {@code /api/v1/random/randn}. */
    static Message randnResponse() {
        return new Message("RandnResponse", "The arrays, in the order of the shapes.",
                List.of(new TensorListField("arrays", "Each array as ndarray.tolist() writes it: nested arrays of its "
                        + "shape's depth, a bare number for the shape []")));
    }
}
