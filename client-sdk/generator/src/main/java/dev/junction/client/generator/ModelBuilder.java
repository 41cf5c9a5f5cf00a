package dev.junction.client.generator;

import dev.junction.client.generator.Model.DeferredModel;
import dev.junction.client.generator.Model.FieldModel;
import dev.junction.client.generator.Model.RecordModel;
import dev.junction.client.generator.Model.ViewModel;
import graphql.introspection.Introspection;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns an operation's selection set into nested record models, operation-based like Apollo Kotlin:
 * one record per selection set, response keys (aliases) as component names, same-key fields merged,
 * fragments that always apply flattened in, and fragments on narrower types as optional {@code onX}
 * views.
 */
final class ModelBuilder {
  private final GraphQLSchema schema;
  private final Map<String, FragmentDefinition> fragments;

  ModelBuilder(GraphQLSchema schema, Map<String, FragmentDefinition> fragments) {
    this.schema = schema;
    this.fragments = fragments;
  }

  RecordModel build(
      String name, GraphQLCompositeType type, SelectionSet set, Set<String> enclosing) {
    return build(name, type, List.of(set), enclosing);
  }

  private record Group(List<Field> fields, boolean[] conditional) {}

  private RecordModel build(
      String name, GraphQLCompositeType type, List<SelectionSet> sets, Set<String> enclosing) {
    Map<String, Group> fields = new LinkedHashMap<>();
    Map<String, List<SelectionSet>> views = new LinkedHashMap<>();
    List<Map.Entry<String, SelectionSet>> deferredSets = new ArrayList<>();
    for (SelectionSet set : sets) {
      collect(type, set, false, fields, views, deferredSets);
    }
    Set<String> inner = new HashSet<>(enclosing);
    inner.add(name);
    Set<String> siblings = new HashSet<>();
    Set<String> components = new HashSet<>();
    List<FieldModel> fieldModels = new ArrayList<>();
    for (Map.Entry<String, Group> entry : fields.entrySet()) {
      String key = entry.getKey();
      Field first = entry.getValue().fields().get(0);
      GraphQLOutputType fieldType = fieldType(type, first.getName());
      RecordModel child = null;
      GraphQLType named = GraphQLTypeUtil.unwrapAll(fieldType);
      if (named instanceof GraphQLCompositeType composite) {
        String base = Names.capitalize(isList(fieldType) ? Names.singular(key) : key);
        String childName = unique(base, inner, siblings);
        List<SelectionSet> childSets = new ArrayList<>();
        for (Field f : entry.getValue().fields()) {
          childSets.add(f.getSelectionSet());
        }
        child = build(childName, composite, childSets, inner);
      }
      fieldModels.add(
          new FieldModel(
              key,
              unique(Names.javaIdentifier(key), Set.of(), components),
              fieldType,
              entry.getValue().conditional()[0],
              child));
    }
    List<ViewModel> viewModels = new ArrayList<>();
    for (Map.Entry<String, List<SelectionSet>> entry : views.entrySet()) {
      GraphQLCompositeType condition = (GraphQLCompositeType) schema.getType(entry.getKey());
      Set<String> possible = new TreeSet<>(possibleTypes(condition));
      possible.retainAll(possibleTypes(type));
      String recordName = unique("On" + entry.getKey(), inner, siblings);
      RecordModel record = build(recordName, condition, entry.getValue(), inner);
      viewModels.add(
          new ViewModel(
              unique("on" + entry.getKey(), Set.of(), components),
              entry.getKey(),
              possible,
              record));
    }
    List<DeferredModel> deferredModels = new ArrayList<>();
    int n = 0;
    for (Map.Entry<String, SelectionSet> entry : deferredSets) {
      String label = entry.getKey();
      String base = label != null ? Names.javaIdentifier(label) : "fragment" + (++n);
      String recordName = unique(Names.capitalize(base) + "Deferred", inner, siblings);
      RecordModel record = build(recordName, type, List.of(entry.getValue()), inner);
      deferredModels.add(
          new DeferredModel(unique(base + "Deferred", Set.of(), components), label, record));
    }
    return new RecordModel(name, type, fieldModels, viewModels, deferredModels);
  }

  private void collect(
      GraphQLCompositeType type,
      SelectionSet set,
      boolean conditional,
      Map<String, Group> fields,
      Map<String, List<SelectionSet>> views,
      List<Map.Entry<String, SelectionSet>> deferred) {
    for (Selection<?> selection : set.getSelections()) {
      if (!(selection instanceof Field) && isDeferred(selection)) {
        deferred.add(deferredSet(type, selection));
        continue;
      }
      if (selection instanceof Field field) {
        String key = field.getResultKey();
        Group group =
            fields.computeIfAbsent(key, k -> new Group(new ArrayList<>(), new boolean[] {true}));
        group.fields().add(field);
        // a key is conditional only if every occurrence is conditional
        group.conditional()[0] &= conditional || isConditional(field.getDirectives());
      } else if (selection instanceof InlineFragment fragment) {
        String condition =
            fragment.getTypeCondition() == null ? null : fragment.getTypeCondition().getName();
        spread(
            type,
            condition,
            fragment.getSelectionSet(),
            conditional || isConditional(fragment.getDirectives()),
            fields,
            views,
            deferred);
      } else if (selection instanceof FragmentSpread spread) {
        FragmentDefinition definition = fragments.get(spread.getName());
        spread(
            type,
            definition.getTypeCondition().getName(),
            definition.getSelectionSet(),
            conditional || isConditional(spread.getDirectives()),
            fields,
            views,
            deferred);
      }
    }
  }

  private void spread(
      GraphQLCompositeType type,
      String condition,
      SelectionSet set,
      boolean conditional,
      Map<String, Group> fields,
      Map<String, List<SelectionSet>> views,
      List<Map.Entry<String, SelectionSet>> deferred) {
    if (condition == null
        || possibleTypes((GraphQLCompositeType) schema.getType(condition))
            .containsAll(possibleTypes(type))) {
      collect(type, set, conditional, fields, views, deferred);
    } else {
      views.computeIfAbsent(condition, k -> new ArrayList<>()).add(set);
    }
  }

  /** A fragment with {@code @defer}, unless {@code if: false} (then the server inlines it). */
  private static boolean isDeferred(Selection<?> selection) {
    List<Directive> directives =
        selection instanceof InlineFragment f
            ? f.getDirectives()
            : ((FragmentSpread) selection).getDirectives();
    for (Directive directive : directives) {
      if (directive.getName().equals("defer")) {
        graphql.language.Argument on = directive.getArgument("if");
        return on == null
            || !(on.getValue() instanceof graphql.language.BooleanValue b)
            || b.isValue();
      }
    }
    return false;
  }

  private Map.Entry<String, SelectionSet> deferredSet(
      GraphQLCompositeType type, Selection<?> selection) {
    String condition;
    SelectionSet set;
    List<Directive> directives;
    if (selection instanceof InlineFragment f) {
      condition = f.getTypeCondition() == null ? null : f.getTypeCondition().getName();
      set = f.getSelectionSet();
      directives = f.getDirectives();
    } else {
      FragmentSpread spread = (FragmentSpread) selection;
      FragmentDefinition definition = fragments.get(spread.getName());
      condition = definition.getTypeCondition().getName();
      set = definition.getSelectionSet();
      directives = spread.getDirectives();
    }
    if (condition != null
        && !possibleTypes((GraphQLCompositeType) schema.getType(condition))
            .containsAll(possibleTypes(type))) {
      throw new GenerationException(
          "@defer on a fragment on a narrower type ("
              + condition
              + " inside "
              + type.getName()
              + ") is not supported by the generator");
    }
    String label = null;
    for (Directive directive : directives) {
      if (directive.getName().equals("defer")
          && directive.getArgument("label") != null
          && directive.getArgument("label").getValue() instanceof graphql.language.StringValue v) {
        label = v.getValue();
      }
    }
    return new java.util.AbstractMap.SimpleEntry<>(label, set);
  }

  private static boolean isConditional(List<Directive> directives) {
    for (Directive directive : directives) {
      if (directive.getName().equals("skip") || directive.getName().equals("include")) {
        return true;
      }
    }
    return false;
  }

  private GraphQLOutputType fieldType(GraphQLCompositeType type, String name) {
    if (name.equals(Introspection.TypeNameMetaFieldDef.getName())) {
      return GraphQLNonNull.nonNull(graphql.Scalars.GraphQLString);
    }
    GraphQLFieldDefinition definition = ((GraphQLFieldsContainer) type).getFieldDefinition(name);
    return definition.getType();
  }

  private static boolean isList(GraphQLOutputType type) {
    GraphQLType t = type instanceof GraphQLNonNull nn ? nn.getWrappedType() : type;
    return t instanceof GraphQLList;
  }

  Set<String> possibleTypes(GraphQLCompositeType type) {
    Set<String> names = new LinkedHashSet<>();
    if (type instanceof GraphQLObjectType) {
      names.add(type.getName());
    } else {
      List<GraphQLObjectType> objects =
          type instanceof GraphQLInterfaceType iface
              ? schema.getImplementations(iface)
              : ((GraphQLUnionType) type)
                  .getTypes().stream().map(GraphQLObjectType.class::cast).toList();
      for (GraphQLObjectType object : objects) {
        names.add(object.getName());
      }
    }
    return names;
  }

  private static String unique(String base, Set<String> reserved, Set<String> taken) {
    String candidate = base;
    for (int i = 2; reserved.contains(candidate) || taken.contains(candidate); i++) {
      candidate = base + i;
    }
    taken.add(candidate);
    return candidate;
  }
}
