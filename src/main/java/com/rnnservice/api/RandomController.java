package com.rnnservice.api;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.rnnservice.service.Answer;
import com.rnnservice.service.RandomService;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping(path = "/api/v1/random", consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Random", description = "NumPy's legacy random numbers, to reproduce the exercise's test cases from a seed.")
class RandomController {

    private final RandomService service;

    RandomController(RandomService service) {
        this.service = service;
    }

    @Schema(description = "A seed and the shapes to draw, in order.")
    record RandnRequest(
            @Schema(description = "np.random.seed's argument: a whole number from 0 to 2^32 − 1", example = "1") @Nullable Double seed,
            @Schema(description = "One np.random.randn(*shape) call per shape, in order, e.g. [[3, 10], [5, 10]]; "
                    + "[] draws a single number") @Nullable List<@Nullable List<@Nullable Double>> shapes) {
    }

    @PostMapping("/randn")
    @Operation(operationId = "randomRandn", summary = "np.random.seed(seed), then np.random.randn(*shape) for each shape",
            description = "Bit-identical to NumPy's legacy RandomState on the same platform: MT19937 seeded as NumPy seeds "
                    + "it, 53-bit doubles, and the polar Box-Muller method whose spare value carries over from one shape to "
                    + "the next. With seed 1 and the shapes of an exercise test, the arrays are that test's tensors.",
            responses = @ApiResponse(responseCode = "200", description = "OK", content = @Content(
                    mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(ref = "#/components/schemas/RandnResponse"))))
    Answer randn(@RequestBody RandnRequest request) {
        return this.service.randn(request.seed(), request.shapes());
    }
}
