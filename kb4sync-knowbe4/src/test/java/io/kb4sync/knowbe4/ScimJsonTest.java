package io.kb4sync.knowbe4;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.EnterpriseUserExtension;
import com.unboundid.scim2.common.types.UserResource;
import org.junit.jupiter.api.Test;

/** Reading SCIM bodies: {@code meta} is skipped, everything kb4sync reads is kept. */
class ScimJsonTest {
  private static final String USER =
      """
      {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                  "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
       "id":"u-1","externalId":"m365-1","userName":"ann@acme.example",
       "name":{"givenName":"Ann","familyName":"Lee"},"title":"Clerk","active":false,
       "meta":{"resourceType":"User","created":"2026-01-02T03:04:05.678Z",
               "lastModified":"not a date at all","location":"https://x/Users/u-1"},
       "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
         {"department":"Sales","manager":{"value":"u-0"}}}
      """;

  @Test
  void a_user_is_read_without_its_meta() throws Exception {
    UserResource user = ScimJson.read(USER, UserResource.class);

    assertThat(user.getMeta()).isNull();
    assertThat(user.getId()).isEqualTo("u-1");
    assertThat(user.getUserName()).isEqualTo("ann@acme.example");
    assertThat(user.getName().getGivenName()).isEqualTo("Ann");
    assertThat(user.getActive()).isFalse();
    EnterpriseUserExtension enterprise = user.getExtension(EnterpriseUserExtension.class);
    assertThat(enterprise.getDepartment()).isEqualTo("Sales");
    assertThat(enterprise.getManager().getValue()).isEqualTo("u-0");
    assertThat(ScimMapping.toTraining(user).managerId()).isEqualTo("u-0");
  }

  @Test
  void a_list_of_users_is_read_without_their_meta() throws Exception {
    ListResponse<UserResource> list =
        ScimJson.readList(
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],"
                + "\"totalResults\":1,\"startIndex\":1,\"itemsPerPage\":1,\"Resources\":["
                + USER
                + "]}",
            UserResource.class);

    assertThat(list.getTotalResults()).isEqualTo(1);
    assertThat(list.getResources())
        .singleElement()
        .satisfies(u -> assertThat(u.getMeta()).isNull());
  }

  @Test
  void a_new_user_is_written_without_meta() {
    assertThat(ScimJson.write(new UserResource().setUserName("ann@acme.example")))
        .doesNotContain("meta");
  }
}
