package dev.junction.client.generator;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Adds {@code __typename} to every selection set on an interface or union that lacks it, so the
 * generated models can tell which typed views apply (as Apollo clients do).
 */
final class TypenameInjector {
  private final GraphQLSchema schema;

  TypenameInjector(GraphQLSchema schema) {
    this.schema = schema;
  }

  Document inject(Document document) {
    List<Definition> definitions = new ArrayList<>();
    for (Definition<?> definition : document.getDefinitions()) {
      if (definition instanceof OperationDefinition operation) {
        GraphQLObjectType root =
            switch (operation.getOperation()) {
              case QUERY -> schema.getQueryType();
              case MUTATION -> schema.getMutationType();
              case SUBSCRIPTION -> schema.getSubscriptionType();
            };
        SelectionSet rewritten = rewrite(operation.getSelectionSet(), root);
        definitions.add(operation.transform(b -> b.selectionSet(rewritten)));
      } else if (definition instanceof FragmentDefinition fragment) {
        GraphQLCompositeType type =
            (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName());
        SelectionSet rewritten = rewrite(fragment.getSelectionSet(), type);
        definitions.add(fragment.transform(b -> b.selectionSet(rewritten)));
      } else {
        definitions.add(definition);
      }
    }
    return document.transform(b -> b.definitions(definitions));
  }

  private SelectionSet rewrite(SelectionSet set, GraphQLCompositeType type) {
    List<Selection> selections = new ArrayList<>();
    boolean hasTypename = false;
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field field) {
        if (field.getName().equals("__typename")
            && (field.getAlias() == null || field.getAlias().equals("__typename"))
            && field.getDirectives().isEmpty()) {
          hasTypename = true;
        }
        if (field.getSelectionSet() != null && type instanceof GraphQLFieldsContainer container) {
          GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
          GraphQLType fieldType = GraphQLTypeUtil.unwrapAll(definition.getType());
          SelectionSet child = rewrite(field.getSelectionSet(), (GraphQLCompositeType) fieldType);
          selections.add(field.transform(b -> b.selectionSet(child)));
        } else {
          selections.add(field);
        }
      } else if (selection instanceof InlineFragment fragment) {
        GraphQLCompositeType condition =
            fragment.getTypeCondition() == null
                ? type
                : (GraphQLCompositeType) schema.getType(fragment.getTypeCondition().getName());
        SelectionSet child = rewrite(fragment.getSelectionSet(), condition);
        selections.add(fragment.transform(b -> b.selectionSet(child)));
      } else {
        selections.add(selection);
      }
    }
    if (!hasTypename && !(type instanceof GraphQLObjectType)) {
      selections.add(0, Field.newField("__typename").build());
    }
    return set.transform(b -> b.selections(selections));
  }
}
