package dev.junction.subgraph.common.scalar;

import com.netflix.graphql.dgs.DgsScalar;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import java.math.BigDecimal;
import java.util.Locale;

/**
 * {@code scalar Decimal}: an exact decimal number, serialized as a JSON string (e.g. {@code
 * "129.50"}) so that no client parses money into a binary float. Accepts strings, ints and floats
 * as input.
 */
@DgsScalar(name = "Decimal")
public class DecimalScalar implements Coercing<BigDecimal, String> {

  @Override
  public String serialize(Object value, GraphQLContext context, Locale locale) {
    if (value instanceof BigDecimal bd) {
      return bd.toPlainString();
    }
    if (value instanceof Number || value instanceof String) {
      try {
        return new BigDecimal(value.toString()).toPlainString();
      } catch (NumberFormatException e) {
        throw new CoercingSerializeException("Not a decimal: " + value);
      }
    }
    throw new CoercingSerializeException("Not a decimal: " + value);
  }

  @Override
  public BigDecimal parseValue(Object input, GraphQLContext context, Locale locale) {
    try {
      if (input instanceof String || input instanceof Number) {
        return new BigDecimal(input.toString());
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new CoercingParseValueException("Not a decimal: " + input);
  }

  @Override
  public BigDecimal parseLiteral(
      Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
    try {
      if (input instanceof StringValue s) {
        return new BigDecimal(s.getValue());
      }
      if (input instanceof IntValue i) {
        return new BigDecimal(i.getValue());
      }
      if (input instanceof FloatValue f) {
        return f.getValue();
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new CoercingParseLiteralException("Not a decimal: " + input);
  }
}
