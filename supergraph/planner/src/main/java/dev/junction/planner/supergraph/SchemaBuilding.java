package dev.junction.planner.supergraph;

import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.TypeResolver;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.InterfaceWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.ScalarWiringEnvironment;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnionWiringEnvironment;
import graphql.schema.idl.WiringFactory;
import java.util.Map;

/** Builds executable graphql-java schemas for supergraph and API schema SDL. */
final class SchemaBuilding {
  private SchemaBuilding() {}

  /** A pass-through coercing for custom scalars: values are forwarded as they are. */
  static final Coercing<Object, Object> PASS_THROUGH =
      new Coercing<>() {
        @Override
        @SuppressWarnings("deprecation")
        public Object serialize(Object dataFetcherResult) {
          return dataFetcherResult;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseValue(Object input) {
          return input;
        }

        @Override
        @SuppressWarnings("deprecation")
        public Object parseLiteral(Object input) {
          return literal(input);
        }
      };

  private static Object literal(Object input) {
    if (input instanceof graphql.language.StringValue s) {
      return s.getValue();
    }
    if (input instanceof graphql.language.IntValue i) {
      return i.getValue();
    }
    if (input instanceof graphql.language.FloatValue f) {
      return f.getValue();
    }
    if (input instanceof graphql.language.BooleanValue b) {
      return b.isValue();
    }
    if (input instanceof graphql.language.EnumValue e) {
      return e.getName();
    }
    return input;
  }

  private static final TypeResolver BY_TYPENAME =
      env -> {
        Object src = env.getObject();
        if (src instanceof Map<?, ?> m && m.get("__typename") instanceof String name) {
          return env.getSchema().getObjectType(name);
        }
        return null;
      };

  private static final WiringFactory WIRING =
      new WiringFactory() {
        @Override
        public boolean providesScalar(ScalarWiringEnvironment env) {
          return !ScalarInfo.isGraphqlSpecifiedScalar(env.getScalarTypeDefinition().getName());
        }

        @Override
        public GraphQLScalarType getScalar(ScalarWiringEnvironment env) {
          return GraphQLScalarType.newScalar()
              .name(env.getScalarTypeDefinition().getName())
              .definition(env.getScalarTypeDefinition())
              .coercing(PASS_THROUGH)
              .build();
        }

        @Override
        public boolean providesTypeResolver(InterfaceWiringEnvironment env) {
          return true;
        }

        @Override
        public TypeResolver getTypeResolver(InterfaceWiringEnvironment env) {
          return BY_TYPENAME;
        }

        @Override
        public boolean providesTypeResolver(UnionWiringEnvironment env) {
          return true;
        }

        @Override
        public TypeResolver getTypeResolver(UnionWiringEnvironment env) {
          return BY_TYPENAME;
        }

        @Override
        public boolean providesDataFetcher(FieldWiringEnvironment env) {
          return false;
        }
      };

  static GraphQLSchema executable(TypeDefinitionRegistry registry) {
    RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring().wiringFactory(WIRING).build();
    return new SchemaGenerator().makeExecutableSchema(registry, wiring);
  }
}
