package dev.junction.gateway.e2e;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.language.AstTransformer;
import graphql.language.Directive;
import graphql.language.DirectivesContainer;
import graphql.language.Document;
import graphql.language.NamedNode;
import graphql.language.Node;
import graphql.language.NodeVisitorStub;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import graphql.util.TreeTransformerUtil;
import java.util.Map;
import java.util.Set;

/**
 * A test-only approximation of the API schema of a supergraph (federation machinery and
 * {@code @inaccessible} elements removed), used to check the corpus itself: that a case's query is
 * valid exactly when its {@code expected.json} says so, and that the answers to queries the gateway
 * must give without any subgraph (introspection, {@code __typename}) are right. It is not the
 * engine's API schema builder and resolves no data (every root field is null).
 */
final class ApiSchemaOracle {
  private static final Set<String> BUILT_IN_DIRECTIVES =
      Set.of("deprecated", "specifiedBy", "oneOf", "skip", "include");

  private final GraphQL graphql;

  ApiSchemaOracle(String supergraphSdl) {
    Document api = toApiDocument(Parser.parse(supergraphSdl));
    GraphQLSchema schema =
        UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().buildRegistry(api));
    this.graphql = GraphQL.newGraphQL(schema).build();
  }

  /** Parses, validates, coerces variables and executes with every field resolving to null. */
  Map<String, Object> execute(String query, Map<String, Object> variables, String operationName) {
    return graphql
        .execute(
            ExecutionInput.newExecutionInput()
                .query(query)
                .variables(variables)
                .operationName(operationName)
                .build())
        .toSpecification();
  }

  private static Document toApiDocument(Document supergraph) {
    NodeVisitorStub visitor =
        new NodeVisitorStub() {
          @Override
          protected TraversalControl visitNode(Node node, TraverserContext<Node> context) {
            if (isFederationMachinery(node) || isInaccessible(node)) {
              return TreeTransformerUtil.deleteNode(context);
            }
            return TraversalControl.CONTINUE;
          }

          @Override
          public TraversalControl visitDirective(Directive node, TraverserContext<Node> context) {
            if (!BUILT_IN_DIRECTIVES.contains(node.getName())) {
              return TreeTransformerUtil.deleteNode(context);
            }
            return TraversalControl.CONTINUE;
          }
        };
    return (Document) new AstTransformer().transform(supergraph, visitor);
  }

  private static boolean isFederationMachinery(Node<?> node) {
    if (node instanceof graphql.language.DirectiveDefinition) {
      return true;
    }
    if (node instanceof graphql.language.TypeDefinition<?> && node instanceof NamedNode<?> named) {
      String name = named.getName();
      return name.startsWith("join__") || name.startsWith("link__");
    }
    return false;
  }

  private static boolean isInaccessible(Node<?> node) {
    return node instanceof DirectivesContainer<?> container
        && !(node instanceof graphql.language.SchemaDefinition)
        && container.hasDirective("inaccessible");
  }
}
